package io.smpsim.kernel.watchdog;

import io.smpsim.kernel.sysctl.NmiWatchdogMode;
import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Lvt;
import io.smpsim.hw.apic.LvtEntry;
import io.smpsim.hw.cpu.NmiSource;
import io.smpsim.hw.pmu.Pmu;
import io.smpsim.hw.pmu.PmuEvent;
import io.smpsim.kernel.CpuId;
import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.printk.DumpStack;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The 2.6 NMI watchdog and soft-lockup detector on one CPU (arch/x86_64/kernel/nmi.c,
 * arch/x86/kernel/apic/nmi.c, kernel/softlockup.c of 2.6.2x), for machines booted with
 * {@code nmi_watchdog=1} or {@code 2}.
 * <ul>
 *   <li>IO-APIC mode: LVT0 is programmed as NMI, so every PIT tick arriving through the 8259A
 *       virtual wire is an NMI on this CPU ({@code nmi_hz = HZ}).</li>
 *   <li>Local APIC mode: performance counter 0 counts unhalted cycles and overflows
 *       {@code nmi_hz} times per second of busy time through LVTPC, which the handler re-arms
 *       (and unmasks) each time.</li>
 * </ul>
 * Each watchdog NMI sums the CPU's timer interrupts (its LOC count plus, since the dynticks fix,
 * its PIT/HPET IRQ0 count, {@code irq0_irqs}); {@code 5 * nmi_hz} NMIs without progress is a
 * lockup.
 */
public final class LegacyWatchdogCpu implements WireMessage {

  /** Who holds counter 0 in local APIC mode ({@code reserve_perfctr_nmi}). */
  public static final String PMU_OWNER = "nmi_watchdog";

  private final LegacyNmiWatchdog nmi = new LegacyNmiWatchdog();
  private final LegacySoftLockup soft = new LegacySoftLockup();
  private int nmiHz;
  private boolean counterReserved;
  /** The soft-lockup thread was woken and waits for the CPU. */
  private boolean threadWoken;
  /** check_nmi_watchdog() has run (nmi_hz is no longer the boot-time HZ). */
  private boolean selfTested;

  public LegacyNmiWatchdog nmi() {
    return nmi;
  }

  public LegacySoftLockup soft() {
    return soft;
  }

  public int nmiHz() {
    return nmiHz;
  }

  /** Whether this CPU's watchdog holds counter 0 in the reservation bitmap (local APIC mode). */
  public boolean counterReserved() {
    return counterReserved;
  }

  // ---- set-up (boot, and the kernel.nmi_watchdog toggle) ------------------------------------

  /** enable_NMI_through_LVT0() (IO-APIC mode) or the perf counter set-up (local APIC mode). */
  public void arm(KernelCpu k, int hz) {
    nmiHz = hz;
    if (Watchdogs.of(k).boot().mode() == NmiWatchdogMode.IO_APIC) {
      k.hw().apic(new LocalApic.WriteLvt(Lvt.LINT0, LvtEntry.nmi()));
      armed(k, true);
    } else if (k.config().has(Quirk.P4_MODEL_MAX_3) && k.config().cpuId().family() == 15
        && k.config().cpuId().model() > 3 && !CpuId.amd(k.config().cpuModel())) {
      // setup_apic_nmi_watchdog(): "if (boot_cpu_data.x86_model > 3) return;" for the P4.
      return;
    } else if (!k.config().pmu()) {
      // A guest without a virtual PMU whose hypervisor ignores the perf-counter MSRs (2.6
      // setup_p6_watchdog() writes them without checking): the kernel believes the watchdog
      // runs, but counter 0 never overflows, so no watchdog NMI ever comes.
      armed(k, true);
    } else {
      k.hw().pmu(new Pmu.Reserve(0, PMU_OWNER));
    }
  }

  /** The PMU answered the reservation of counter 0. */
  public void onReserved(KernelCpu k, Pmu.Reserved r) {
    if (!r.owner().equals(PMU_OWNER) || r.counter() != 0) {
      return;
    }
    if (!r.ok()) {
      // Another user (a profiler) has the counter: this CPU runs without the watchdog.
      armed(k, false);
      return;
    }
    counterReserved = true;
    k.hw().apic(new LocalApic.WriteLvt(Lvt.PERF_COUNTER, LvtEntry.nmi()));
    program(k);
    armed(k, true);
  }

  /** Silences the watchdog on this CPU: LVT0 masked, or the counter released. */
  public void disarm(KernelCpu k) {
    if (Watchdogs.of(k).boot().mode() == NmiWatchdogMode.IO_APIC) {
      k.hw().apic(new LocalApic.WriteLvt(Lvt.LINT0,
          new LvtEntry(2, DeliveryMode.NMI, true)));
    } else if (counterReserved) {
      k.hw().pmu(new Pmu.Release(0, PMU_OWNER));
      counterReserved = false;
    }
    armed(k, false);
  }

  /** acpi_nmi_disable() / acpi_nmi_enable() on this CPU: LVT0 masked or not (IO-APIC mode). */
  public void maskLvt0(KernelCpu k, boolean masked) {
    if (Watchdogs.of(k).boot().mode() == NmiWatchdogMode.IO_APIC && nmi.enabled()) {
      k.hw().apic(new LocalApic.WriteLvt(Lvt.LINT0, new LvtEntry(2, DeliveryMode.NMI, masked)));
    }
  }

  /** A new {@code nmi_hz} (local APIC mode drops to 1 after the boot self-test). */
  public void nmiHz(int hz) {
    nmiHz = hz;
  }

  /** Whether the boot self-test has run (see {@link Watchdogs#armLegacy}). */
  public boolean selfTested() {
    return selfTested;
  }

  /** The boot self-test has run. */
  public void selfTested(boolean done) {
    selfTested = done;
  }

  private void armed(KernelCpu k, boolean on) {
    nmi.enabled(on);
    k.toSysctl(new Sysctl.LegacyNmiActive(k.index(), on));
  }

  private void program(KernelCpu k) {
    // -(cpu_khz * 1000 / nmi_hz): nmi_hz NMIs per second of unhalted time.
    long period = k.config().cpuKhz() * 1000L / Math.max(1, nmiHz);
    if (k.config().has(Quirk.TICK_OVERFLOW_4GHZ)) {
      period = Math.max(1, Tick32.period(k.config().cpuKhz(), nmiHz));
    }
    k.hw().pmu(new Pmu.Program(0, PMU_OWNER, PmuEvent.UNHALTED_CORE_CYCLES, period));
  }

  // ---- the watchdog NMI -----------------------------------------------------------------------

  /**
   * nmi_watchdog_tick()'s progress check.
   *
   * @param claimedByNotifier a DIE_NMI notifier took the NMI (which counts as a touch)
   */
  public LegacyNmiWatchdog.Verdict tick(KernelCpu k, boolean claimedByNotifier) {
    long sum = k.irqs().loc;
    if (!k.config().has(Quirk.NMI_IGNORES_PIT_HPET)) {
      // "dynticks: Fix nmi watchdog": the local APIC timer may be stopped, count IRQ0 too.
      sum += k.irq0Count();
    }
    return nmi.tick(sum, claimedByNotifier, nmiHz, k.config().has(Quirk.ALERT_COUNTER_RESET));
  }

  /**
   * The end of nmi_watchdog_tick(): whether the NMI was the watchdog's. In local APIC mode
   * only a counter overflow is (and the counter is re-armed, LVTPC unmasked); IO-APIC mode
   * cannot tell and takes every NMI without a chipset reason.
   */
  public boolean claim(KernelCpu k, NmiSource source) {
    if (!nmi.enabled()) {
      return false;
    }
    if (Watchdogs.of(k).boot().mode() == NmiWatchdogMode.LOCAL_APIC) {
      if (source != NmiSource.PERF_COUNTER || !counterReserved) {
        return false;
      }
      k.hw().apic(new LocalApic.WriteLvt(Lvt.PERF_COUNTER, LvtEntry.nmi()));
      program(k);
      return true;
    }
    return true;
  }

  // ---- the 2.6 soft-lockup detector -----------------------------------------------------------

  /** softlockup_tick(), from this CPU's timer tick. */
  public void softlockupTick(KernelCpu k) {
    LegacySoftLockup.Verdict v = soft.tick(k.jiffies(), k.config().hz());
    if (v == LegacySoftLockup.Verdict.QUIET) {
      return;
    }
    threadWoken = true;
    if (v == LegacySoftLockup.Verdict.REPORT) {
      DumpStack.Where w = k.where();
      List<String> lines = new ArrayList<>();
      lines.add("BUG: soft lockup detected on CPU#" + k.index() + "!");
      lines.add("");
      lines.add("Call Trace:");
      lines.add(" <IRQ>  [<ffffffff8025a2b7>] softlockup_tick+0xd8/0xea");
      lines.add(" [<ffffffff8023e4e6>] update_process_times+0x4c/0x79");
      lines.add(" [<ffffffff8021d6b2>] smp_local_timer_interrupt+0x34/0x55");
      lines.add(" [<ffffffff8021d9ef>] smp_apic_timer_interrupt+0x51/0x68");
      lines.add(" [<ffffffff8020a4a6>] apic_timer_interrupt+0x66/0x70");
      lines.add(" <EOI>  [<ffffffff8020b1d0>] " + w.rip());
      lines.add(" [<ffffffff80248c5d>] kthread+0xd1/0x100");
      lines.add(" [<ffffffff8020ae68>] child_rip+0xa/0x12");
      lines.add("");
      k.printk(LogLevel.ERR, lines);
    }
  }

  /** The {@code watchdog/N} thread runs if it was woken and the CPU can schedule. */
  public void maybeRunThread(KernelCpu k, boolean canSchedule) {
    if (canSchedule && threadWoken) {
      threadWoken = false;
      soft.touch(k.jiffies());
    }
  }
}

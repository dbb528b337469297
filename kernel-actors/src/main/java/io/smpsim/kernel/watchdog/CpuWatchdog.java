package io.smpsim.kernel.watchdog;

import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.sysctl.WatchdogParams;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Lvt;
import io.smpsim.hw.apic.LvtEntry;
import io.smpsim.hw.pmu.Pmu;
import io.smpsim.hw.pmu.PmuEvent;
import io.smpsim.kernel.core.HrtimerFn;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.panic.Taint;
import io.smpsim.kernel.printk.DumpStack;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The 6.6 lockup detectors on one CPU (kernel/watchdog.c, kernel/watchdog_perf.c): enabling and
 * disabling them as the machine-wide control asks, the watchdog hrtimer with its soft-lockup
 * check and stopper kick, and the perf overflow callback with its hard-lockup check.
 */
public final class CpuWatchdog implements WireMessage {

  /** Who holds the watchdog's PMU counter. */
  public static final String PMU_OWNER = "nmi_watchdog";

  private final HardLockupDetector hard = new HardLockupDetector();
  private final SoftLockupDetector soft = new SoftLockupDetector();
  /** watchdog_enable() waits for the perf event (the PMU reservation). */
  private boolean enablePending;
  private boolean perfActive;
  /** panic() has ended on this CPU: it restarts or spins with the detectors fed. */
  private boolean panicEnded;

  public HardLockupDetector hard() {
    return hard;
  }

  public SoftLockupDetector soft() {
    return soft;
  }

  /** watchdog_enable(): hrtimer first, then the timestamps, then the perf event. */
  public void enable(KernelCpu k, WatchdogParams p) {
    long now = k.hw().now();
    k.hrtimerStart(HrtimerFn.WATCHDOG, now + p.samplePeriodNs());
    soft.enable(now);
    if (p.hardEnabled()) {
      hard.initTimestamp(now);
      enablePending = true;
      k.hw().pmu(new Pmu.Reserve(-1, PMU_OWNER));
    } else {
      k.toSysctl(new Sysctl.Ack(k.index()));
    }
  }

  /** The PMU answered the event's counter reservation. */
  public void onReserved(KernelCpu k, Pmu.Reserved r) {
    if (!enablePending || !r.owner().equals(PMU_OWNER)) {
      return;
    }
    enablePending = false;
    if (r.ok()) {
      hard.counter(r.counter());
      perfActive = true;
      k.hw().apic(new LocalApic.WriteLvt(Lvt.PERF_COUNTER, LvtEntry.nmi()));
      k.hw().pmu(new Pmu.Program(r.counter(), PMU_OWNER, PmuEvent.UNHALTED_CORE_CYCLES,
          Watchdogs.of(k).params().hardPeriodCycles(k.config().cpuKhz())));
      k.toSysctl(new Sysctl.PerfEnabled(k.index(), true));
    }
    k.toSysctl(new Sysctl.Ack(k.index()));
  }

  /** watchdog_disable(): the perf event first, then the hrtimer. */
  public void disable(KernelCpu k) {
    if (perfActive) {
      k.hw().pmu(new Pmu.Release(hard.counter(), PMU_OWNER));
      perfActive = false;
      hard.counter(-1);
      k.toSysctl(new Sysctl.PerfEnabled(k.index(), false));
    }
    enablePending = false;
    k.hrtimerCancel(HrtimerFn.WATCHDOG);
    soft.disable();
    k.toSysctl(new Sysctl.Ack(k.index()));
  }

  /** Whether the watchdog's perf event counts on this CPU. */
  public boolean perfActive() {
    return perfActive;
  }

  /**
   * panic() has printed its last line on this CPU (kernel/panic.c): what follows is a restart
   * or panic's final loop, which feeds both detectors, so neither reports again.
   */
  public void panicEnded() {
    panicEnded = true;
  }

  /** touch_nmi_watchdog(): both detectors, this CPU. */
  public void touch() {
    hard.touch();
    soft.touch();
  }

  /**
   * watchdog_timer_fn(): kick the hard-lockup detector, queue the stopper, re-arm, and check
   * for a soft lockup.
   */
  public void timerFn(KernelCpu k) {
    if (!soft.active()) {
      return;
    }
    WatchdogParams p = Watchdogs.of(k).params();
    long now = k.hw().now();
    hard.kick();
    soft.kickStopper();
    k.hrtimerStart(HrtimerFn.WATCHDOG, now + p.samplePeriodNs());
    long duration = soft.check(now, p.softEnabled(), p.thresh());
    if (duration > 0) {
      List<String> lines = new ArrayList<>();
      DumpStack.Where w = k.where();
      lines.add("watchdog: BUG: soft lockup - CPU#" + k.index() + " stuck for " + duration + "s! ["
          + w.comm() + ":" + w.pid() + "]");
      lines.addAll(DumpStack.showRegs(w));
      k.printk(LogLevel.EMERG, lines);
      if (p.softAllCpuBacktrace()) {
        k.backtraceOthers(LockupReport.SOFT);
        return;
      }
      afterSoftReport(k);
    }
  }

  /** The end of a soft-lockup report (after the all-CPU backtrace, if any): taint, panic. */
  public void afterSoftReport(KernelCpu k) {
    k.toSysctl(new Sysctl.AddTaint(Taint.SOFTLOCKUP));
    if (Watchdogs.of(k).params().softlockupPanic()) {
      KernelVersion v = k.config().kernel();
      List<String> frames = new ArrayList<>(List.of(" <IRQ>", v.dumpStackLvlFrame(),
          v.panicFrame()));
      frames.addAll(v.softLockupPanicCallerFrames());
      frames.addAll(v.hrtimerCoreFrames());
      frames.addAll(v.timerInterruptFrames());
      frames.add(" </IRQ>");
      k.panic("softlockup: hung tasks", frames);
    }
  }

  /** Runs the queued stopper work if the CPU can schedule it now. */
  public void maybeRunStopper(KernelCpu k, boolean canSchedule) {
    if (canSchedule && soft.stopperQueued()) {
      soft.runStopper(k.hw().now());
    }
  }

  /**
   * The perf overflow callback, in NMI context: returns 1 when the NMI was the watchdog's PMI.
   * x86 perf re-enables LVTPC (which the PMI masked) before the callback runs.
   */
  public int perfOverflow(KernelCpu k) {
    if (!perfActive) {
      return 0;
    }
    k.irqs().pmi++;
    k.hw().apic(new LocalApic.WriteLvt(Lvt.PERF_COUNTER, LvtEntry.nmi()));
    if (panicEnded) {
      hard.touch();
      return 1;
    }
    WatchdogParams p = Watchdogs.of(k).params();
    HardLockupDetector.Verdict v = hard.check(k.hw().now(), p.samplePeriodNs());
    if (v == HardLockupDetector.Verdict.LOCKUP) {
      List<String> lines = new ArrayList<>();
      lines.add("watchdog: Watchdog detected hard LOCKUP on cpu " + k.index());
      lines.addAll(DumpStack.showRegs(k.where()));
      k.printk(LogLevel.EMERG, lines);
      hard.warned();
      if (p.hardAllCpuBacktrace()) {
        k.backtraceOthers(LockupReport.HARD);
        return 1;
      }
      afterHardReport(k);
    }
    return 1;
  }

  /** The end of a hard-lockup report (after the all-CPU backtrace, if any): maybe panic. */
  public void afterHardReport(KernelCpu k) {
    if (Watchdogs.of(k).params().hardlockupPanic()) {
      k.panic("Hard LOCKUP", List.of(" <NMI>", k.config().kernel().dumpStackLvlFrame(),
          k.config().kernel().panicFrame(), " nmi_panic+0x45/0x50",
          " watchdog_hardlockup_check+0x1a2/0x1f0",
          " __perf_event_overflow+0xe5/0x2a0", " handle_pmi_common+0x1b2/0x3c0",
          " intel_pmu_handle_irq+0x10b/0x230", " perf_event_nmi_handler+0x2a/0x50",
          " nmi_handle+0x5e/0x150", " default_do_nmi+0x40/0x100", " exc_nmi+0x139/0x1c0",
          " end_repeat_nmi+0xf/0x53", " </NMI>"));
    }
  }
}

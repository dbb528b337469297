package io.smpsim.kernel.oprofile;

import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Lvt;
import io.smpsim.hw.apic.LvtEntry;
import io.smpsim.hw.cpu.NmiSource;
import io.smpsim.hw.pmu.Pmu;
import io.smpsim.hw.pmu.PmuEvent;
import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.core.PerCpu;
import io.smpsim.kernel.nmi.CpuNmi;
import io.smpsim.kernel.nmi.NmiContext;
import io.smpsim.kernel.watchdog.Watchdogs;

/**
 * One CPU's half of oprofile's NMI sampling (arch/i386/oprofile/nmi_int.c and op_model_ppro.c of
 * 2.6.1x): performance counter 0 counts unhalted cycles and raises an NMI every
 * {@link #SAMPLE_HZ}th of a second of busy time through LVTPC; each such NMI is a sample.
 *
 * <p>How oprofile hooks NMIs depends on the kernel. Before 2.6.19 (quirk
 * {@code nmi-callback-gates-watchdog}) it is the one {@code set_nmi_callback()} callback, set on
 * every CPU, which returns {@code check_ctrs()}: 1 for every NMI ("We can't work out if we really
 * handled an interrupt ... Instead we always assume we found an overflow", op_model_ppro.c), so
 * no NMI reaches {@code default_do_nmi()} and the NMI watchdog. Since 2.6.19 it is a DIE_NMI
 * notifier on the die chain, and smpsim's profiler claims there only the NMIs its own counter
 * raised (a PMI on a CPU it samples), so the watchdog still sees its own NMIs.
 *
 * <p>Counter 0 is taken through the reservation bitmap ({@code reserve_perfctr_nmi()}, 2.6.19):
 * under {@code nmi_watchdog=2} the watchdog holds it and the profiler does without. Before the
 * bitmap (quirk {@code no-perfctr-reservation}) oprofile wrote counter 0 regardless, and took
 * the watchdog's overflow NMIs for its own samples.
 */
public final class Oprofile {

  /** The per-CPU variable. */
  public static final PerCpu<Oprofile> KEY = new PerCpu<>("oprofile");

  /** Who holds the sampling counter in the PMU's reservation bitmap. */
  public static final String PMU_OWNER = "oprofile";

  /** The counter oprofile's first event (CPU_CLK_UNHALTED) is on. */
  public static final int COUNTER = 0;

  /** Samples per second of unhalted time (the event's count is cpu_khz * 1000 / SAMPLE_HZ). */
  public static final int SAMPLE_HZ = 1000;

  private boolean running;
  private boolean counting;
  private long samples;
  private ProfileExceptionsNotify notifier;

  /** {@code cpu}'s copy. */
  public static Oprofile of(KernelCpu cpu) {
    return cpu.get(KEY);
  }

  /** Whether the profiler is set up on this CPU. */
  public boolean running() {
    return running;
  }

  /** The samples this CPU's counter gave. */
  public long samples() {
    return samples;
  }

  /**
   * nmi_setup() and nmi_cpu_setup() on this CPU: hook NMIs, and if this CPU is sampled, reserve
   * and program the counter and route its overflow to NMI through LVTPC.
   */
  public void start(KernelCpu k, boolean countHere) {
    if (running) {
      return;
    }
    running = true;
    counting = countHere;
    CpuNmi nmi = CpuNmi.of(k);
    if (k.config().has(Quirk.NMI_CALLBACK_GATES_WATCHDOG)) {
      nmi.nmiCallback(ctx -> {
        checkCtrs(k, ctx);
        return true;
      });
    } else {
      notifier = new ProfileExceptionsNotify(this, k);
      nmi.dieNotifiers().register(notifier);
    }
    if (!countHere) {
      return;
    }
    long period = k.config().cpuKhz() * 1000L / SAMPLE_HZ;
    if (k.config().has(Quirk.NO_PERFCTR_RESERVATION)) {
      // No bitmap to ask: nmi_cpu_setup() writes counter 0's MSRs, the watchdog's or not.
      k.hw().pmu(new Pmu.Wrmsr(COUNTER, PmuEvent.UNHALTED_CORE_CYCLES, period));
    } else if (Watchdogs.of(k).legacy().counterReserved()) {
      // reserve_perfctr_nmi() fails while the NMI watchdog (nmi_watchdog=2) holds counter 0:
      // ppro_fill_in_addresses() leaves it out, and this CPU takes no samples on it.
      counting = false;
      return;
    } else {
      k.hw().pmu(new Pmu.Reserve(COUNTER, PMU_OWNER));
      k.hw().pmu(new Pmu.Program(COUNTER, PMU_OWNER, PmuEvent.UNHALTED_CORE_CYCLES, period));
    }
    k.hw().apic(new LocalApic.WriteLvt(Lvt.PERF_COUNTER, LvtEntry.nmi()));
  }

  /** nmi_shutdown() on this CPU: the hook goes, the counter is stopped and released. */
  public void stop(KernelCpu k) {
    if (!running) {
      return;
    }
    running = false;
    CpuNmi nmi = CpuNmi.of(k);
    if (notifier != null) {
      nmi.dieNotifiers().unregister(notifier.name());
      notifier = null;
    } else {
      nmi.nmiCallback(null);
    }
    if (counting && !k.config().has(Quirk.NO_PERFCTR_RESERVATION)) {
      k.hw().pmu(new Pmu.Release(COUNTER, PMU_OWNER));
    }
    counting = false;
  }

  /**
   * The model's check_ctrs(): a PMI on a CPU this profiler samples is a sample (the counter is
   * reloaded, LVTPC unmasked again as the P6 code does); returns whether the NMI was one.
   */
  boolean checkCtrs(KernelCpu k, NmiContext nmi) {
    if (!counting || nmi.source() != NmiSource.PERF_COUNTER) {
      return false;
    }
    samples++;
    k.hw().apic(new LocalApic.WriteLvt(Lvt.PERF_COUNTER, LvtEntry.nmi()));
    return true;
  }
}

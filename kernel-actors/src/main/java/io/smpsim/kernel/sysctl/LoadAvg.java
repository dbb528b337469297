package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.KernelVersion;
import io.smpsim.sim.SimMessage;

/**
 * The machine-wide load average (kernel/sched/loadavg.c; kernel/timer.c calc_load() on 2.6):
 * {@code calc_load_tasks}, the runnable tasks of all CPUs, sampled every {@code LOAD_FREQ}
 * ticks and folded into {@code avenrun[]}, the exponentially decaying 1, 5 and 15 minute
 * averages in 11-bit fixed point that /proc/loadavg prints.
 *
 * <p>6.x: the first window is {@code LOAD_FREQ} (5 s and a tick) after sched_init() and each
 * CPU folds its count at its first tick of a window (calc_global_load_tick) or, going NO_HZ
 * idle inside a window's ten-tick grace, into the next one (calc_load_write_idx): either way a
 * window counts each CPU's tasks as they were when it began. The timekeeping CPU publishes the
 * new averages ten ticks later (calc_global_load), rounding a rising average up (calc_load()'s
 * {@code active >= load}). 2.6.18's do_timer() samples nr_running() itself every
 * {@code LOAD_FREQ} (5 s) ticks, the first after {@code LOAD_FREQ + 1}, and publishes at once
 * with the truncating CALC_LOAD().
 *
 * <p>smpsim's CPUs report each change of their runqueue's length as it happens, and the
 * windows are worked out from those, lazily: a window is sampled when the first change or read
 * at or after its start comes, and folded in once it is published. A machine none of whose CPUs
 * woke through several windows gets them window by window, where the kernel catches up in bulk
 * (calc_global_nohz, whose fixed-point powers round a little differently); with the soft-lockup
 * watchdog's timer on every CPU (every 4 s by default) that never happens.
 */
public final class LoadAvg {

  /** FSHIFT: bits of precision. */
  static final int FSHIFT = 11;
  /** FIXED_1: 1.0 in fixed point. */
  static final long FIXED_1 = 1L << FSHIFT;
  /** EXP_1, EXP_5, EXP_15: 1/exp(5 s/1 min), 1/exp(5 s/5 min), 1/exp(5 s/15 min). */
  private static final long[] EXP = {1884, 2014, 2037};
  /** Ticks from a window's sample to its publication (calc_global_load: sample_window + 10). */
  private static final long GRACE = 10;

  /** The averages /proc/loadavg and sysinfo() read, in fixed point. */
  public record Avenrun(long one, long five, long fifteen) implements SimMessage {}

  private final boolean legacy;
  /** LOAD_FREQ, in ticks. */
  private final long freq;
  /** Ticks from a sample to its publication. */
  private final long grace;
  /** calc_load_tasks: the runnable tasks of all CPUs. */
  private long tasks;
  private final long[] avenrun = new long[3];
  /** The tick at which the next window is sampled. */
  private long nextSample;
  /** A sampled window not yet published: its sample tick (-1: none) and its task count. */
  private long pendingAt = -1;
  private long pendingTasks;

  LoadAvg(KernelVersion kernel, int hz) {
    legacy = kernel.major() < 3;
    freq = legacy ? 5L * hz : 5L * hz + 1;
    grace = legacy ? 0 : GRACE;
    nextSample = legacy ? freq + 1 : freq;
  }

  /** A CPU's runqueue grew or shrank by {@code delta} at tick {@code jiffies}. */
  void change(long jiffies, long delta) {
    advance(jiffies);
    tasks += delta;
  }

  /** The averages as published at tick {@code jiffies}. */
  Avenrun read(long jiffies) {
    advance(jiffies);
    return new Avenrun(avenrun[0], avenrun[1], avenrun[2]);
  }

  /**
   * Samples every window begun by {@code jiffies} with the task count as it stands (no change
   * at or after their start has been counted yet), and folds in those published by then.
   */
  private void advance(long jiffies) {
    if (pendingAt >= 0 && pendingAt + grace <= jiffies) {
      fold(pendingTasks);
      pendingAt = -1;
    }
    while (nextSample <= jiffies) {
      if (nextSample + grace <= jiffies) {
        fold(tasks);
      } else {
        pendingAt = nextSample;
        pendingTasks = tasks;
      }
      nextSample += freq;
    }
  }

  private void fold(long count) {
    long active = count > 0 ? count * FIXED_1 : 0;
    for (int i = 0; i < 3; i++) {
      avenrun[i] = legacy ? calcLoadTruncating(avenrun[i], EXP[i], active)
          : calcLoad(avenrun[i], EXP[i], active);
    }
  }

  /** calc_load() (include/linux/sched/loadavg.h): a rising average is rounded up. */
  static long calcLoad(long load, long exp, long active) {
    long newload = load * exp + active * (FIXED_1 - exp);
    if (active >= load) {
      newload += FIXED_1 - 1;
    }
    return newload / FIXED_1;
  }

  /** 2.6's CALC_LOAD() (include/linux/sched.h): truncated. */
  static long calcLoadTruncating(long load, long exp, long active) {
    return (load * exp + active * (FIXED_1 - exp)) >> FSHIFT;
  }

  /**
   * One average as {@code /proc/loadavg} prints it (fs/proc/loadavg.c): get_avenrun() adds
   * FIXED_1/200 so the hundredths round, then LOAD_INT and LOAD_FRAC.
   */
  public static String format(long avg) {
    long a = avg + FIXED_1 / 200;
    long frac = ((a & (FIXED_1 - 1)) * 100) >> FSHIFT;
    return (a >> FSHIFT) + "." + (frac < 10 ? "0" : "") + frac;
  }
}

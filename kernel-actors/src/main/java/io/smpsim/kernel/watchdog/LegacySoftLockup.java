package io.smpsim.kernel.watchdog;

import io.smpsim.sim.serialization.WireMessage;

/**
 * One CPU's 2.6 soft-lockup detector (kernel/softlockup.c of 2.6.17-2.6.23): every timer tick
 * wakes the per-CPU {@code watchdog/N} thread when its touch is more than a second old, and
 * warns once per touch when it is more than ten seconds old; the thread, SCHED_FIFO 99, runs
 * as soon as the CPU can schedule and touches. Times are jiffies.
 */
public final class LegacySoftLockup implements WireMessage {

  /** What a tick decided. */
  public enum Verdict { QUIET, WAKE_THREAD, REPORT }

  private boolean enabled;
  private long touchTimestamp;
  private long printTimestamp = -1;

  public boolean enabled() {
    return enabled;
  }

  public void enable(long jiffies) {
    enabled = true;
    touchTimestamp = jiffies;
  }

  public void disable() {
    enabled = false;
  }

  /** touch_softlockup_watchdog(). */
  public void touch(long jiffies) {
    touchTimestamp = jiffies;
  }

  /** softlockup_tick(). */
  public Verdict tick(long jiffies, int hz) {
    if (!enabled || printTimestamp == touchTimestamp) {
      return Verdict.QUIET;
    }
    if (jiffies > touchTimestamp + 10L * hz) {
      printTimestamp = touchTimestamp;
      return Verdict.REPORT;
    }
    return jiffies > touchTimestamp + hz ? Verdict.WAKE_THREAD : Verdict.QUIET;
  }
}

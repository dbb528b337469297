package io.smpsim.kernel.watchdog;

import io.smpsim.sim.serialization.WireMessage;

/**
 * One CPU's soft-lockup detector, 6.6 kernel/watchdog.c: the watchdog hrtimer fires every
 * {@code 2*watchdog_thresh/5} seconds, counts itself for the hard-lockup detector and queues the
 * CPU-stopper work {@code softlockup_fn} (which can only run when the CPU can schedule) that
 * records {@code watchdog_touch_ts}; a soft lockup is a timer seeing the touch older than
 * {@code 2*watchdog_thresh} seconds past the start of the reporting period. Timestamps are
 * {@code running_clock() >> 30}: units of 1.074 s.
 */
public final class SoftLockupDetector implements WireMessage {

  /** SOFTLOCKUP_DELAY_REPORT: touch_softlockup_watchdog() asked to restart the period. */
  public static final long DELAY_REPORT = Long.MAX_VALUE;

  private boolean active;
  private long touchTs;
  private long reportTs;
  private boolean completionDone = true;
  private boolean stopperQueued;

  /** get_timestamp(): the running clock in 2^30 ns units. */
  public static long timestamp(long nowNs) {
    return nowNs >> 30;
  }

  public boolean active() {
    return active;
  }

  /** watchdog_enable(): the stopper is idle, the touch is now. */
  public void enable(long nowNs) {
    active = true;
    completionDone = true;
    stopperQueued = false;
    updateTouchTs(nowNs);
  }

  /** watchdog_disable() (after waiting for the stopper work). */
  public void disable() {
    active = false;
    stopperQueued = false;
    completionDone = true;
  }

  /** Queues the stopper work if the previous one completed; returns whether it did. */
  public boolean kickStopper() {
    if (completionDone) {
      completionDone = false;
      stopperQueued = true;
      return true;
    }
    return false;
  }

  public boolean stopperQueued() {
    return stopperQueued;
  }

  /** softlockup_fn(): the stopper ran on the CPU. */
  public void runStopper(long nowNs) {
    stopperQueued = false;
    completionDone = true;
    updateTouchTs(nowNs);
  }

  /** touch_softlockup_watchdog(). */
  public void touch() {
    reportTs = DELAY_REPORT;
  }

  private void updateTouchTs(long nowNs) {
    touchTs = timestamp(nowNs);
    reportTs = touchTs;
  }

  /**
   * The check of watchdog_timer_fn(): returns the seconds the CPU has been stuck (0: no
   * report), restarting the reporting period when it reports or when it was touched.
   */
  public long check(long nowNs, boolean softEnabled, int thresh) {
    long now = timestamp(nowNs);
    if (reportTs == DELAY_REPORT) {
      reportTs = now;
      return 0;
    }
    if (softEnabled && thresh > 0 && now > reportTs + 2L * thresh) {
      reportTs = now;
      return now - touchTs;
    }
    return 0;
  }
}

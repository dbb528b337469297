package io.smpsim.kernel.watchdog;

import io.smpsim.sim.serialization.WireMessage;

/**
 * One CPU's perf-based hard-lockup detector (6.6 kernel/watchdog.c, kernel/watchdog_perf.c):
 * {@code hrtimer_interrupts} counts the watchdog hrtimer; the perf NMI, every
 * {@code watchdog_thresh} seconds of unhalted cycles, checks that it moved since the previous
 * accepted NMI. NMIs closer than {@code 2 * sample_period} to the previous accepted one are
 * ignored unless ten come in a row (CONFIG_HARDLOCKUP_CHECK_TIMESTAMP), a touch skips one
 * check, and a lockup is reported once until the counter moves again.
 */
public final class HardLockupDetector implements WireMessage {

  /** What the NMI-side check decided. */
  public enum Verdict { IGNORED, TOUCHED, OK, LOCKUP, ALREADY_WARNED }

  private long hrtimerInterrupts;
  private long saved;
  private boolean warned;
  private boolean touched;
  private long lastTimestamp;
  private int nmiRearmed;
  /** The PMU counter the watchdog's event uses, or -1. */
  private int counter = -1;

  public long hrtimerInterrupts() {
    return hrtimerInterrupts;
  }

  public int counter() {
    return counter;
  }

  public void counter(int c) {
    counter = c;
  }

  /** watchdog_hardlockup_kick(): the hrtimer fired. */
  public void kick() {
    hrtimerInterrupts++;
  }

  /** watchdog_init_timestamp(): at enable. */
  public void initTimestamp(long nowNs) {
    nmiRearmed = 0;
    lastTimestamp = nowNs;
  }

  /** arch_touch_nmi_watchdog(). */
  public void touch() {
    touched = true;
  }

  /** The overflow callback's checks; {@code samplePeriodNs} is the hrtimer's period. */
  public Verdict check(long nowNs, long samplePeriodNs) {
    if (nowNs - lastTimestamp < 2 * samplePeriodNs) {
      if (++nmiRearmed < 10) {
        return Verdict.IGNORED;
      }
    }
    nmiRearmed = 0;
    lastTimestamp = nowNs;
    if (touched) {
      touched = false;
      return Verdict.TOUCHED;
    }
    if (saved == hrtimerInterrupts) {
      if (warned) {
        return Verdict.ALREADY_WARNED;
      }
      return Verdict.LOCKUP;
    }
    saved = hrtimerInterrupts;
    warned = false;
    return Verdict.OK;
  }

  /** The lockup was reported. */
  public void warned() {
    warned = true;
  }
}

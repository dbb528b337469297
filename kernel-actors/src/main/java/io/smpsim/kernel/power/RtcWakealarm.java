package io.smpsim.kernel.power;

import io.smpsim.kernel.core.Errno;
import io.smpsim.sim.EntityContext;

/**
 * The CMOS RTC's alarm behind {@code /sys/class/rtc/rtc0/wakealarm} (drivers/rtc/sysfs.c
 * wakealarm_show()/wakealarm_store()): one alarm in seconds since the epoch; each store makes
 * a new generation, so an alarm event of an older one is stale.
 */
final class RtcWakealarm {

  /** The alarm, in RTC seconds, or -1. */
  private long alarmSec = -1;
  private long alarmGen;

  /** wakealarm_show(): the alarm in seconds since the epoch, or nothing. */
  String show() {
    return alarmSec >= 0 ? alarmSec + "\n" : "";
  }

  /**
   * Whether the alarm event of generation {@code gen} is the armed alarm; if so it is
   * disarmed (it fired).
   */
  boolean fires(long gen) {
    if (gen == alarmGen && alarmSec >= 0) {
      alarmSec = -1;
      return true;
    }
    return false;
  }

  /** wakealarm_store(): "+N" relative, N absolute, 0 clears. */
  Errno store(String t, EntityContext ctx) {
    boolean relative = t.startsWith("+");
    // kstrtos64(): a signed number; a time at or before now, negative ones included, disables
    // the alarm ("alm.enabled = 0") and the write succeeds.
    boolean negative = !relative && t.startsWith("-");
    String digits = relative || negative ? t.substring(1) : t;
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 12) {
      return Errno.EINVAL;
    }
    if (negative) {
      alarmGen++;
      alarmSec = -1;
      return null;
    }
    long v = Long.parseLong(digits);
    long nowSec = ctx.now() / PmTransition.S;
    if (relative) {
      if (alarmSec >= 0) {
        // Do not allow overwriting an active alarm by adding to it.
        return Errno.EBUSY;
      }
      v += nowSec;
    }
    alarmGen++;
    if (v == 0) {
      alarmSec = -1;
      return null;
    }
    if (v <= nowSec) {
      return Errno.EINVAL;
    }
    alarmSec = v;
    ctx.schedule(v * PmTransition.S - ctx.now(), new SuspendResume.Alarm(alarmGen));
    return null;
  }
}

package io.smpsim.kernel.power;

import io.smpsim.kernel.core.Errno;
import io.smpsim.sim.EntityContext;
import java.math.BigInteger;
import java.util.List;

/**
 * The CMOS RTC's alarm behind {@code /sys/class/rtc/rtc0/wakealarm} (drivers/rtc/sysfs.c
 * wakealarm_show()/wakealarm_store(), 6.1): one alarm in seconds since the epoch; each store
 * makes a new generation, so an alarm event of an older one is stale.
 */
final class RtcWakealarm {

  /** The PNP device rtc_cmos binds on QEMU's pc machine (the recordings' boot log). */
  static final String DEVICE = "rtc_cmos 00:05";

  /**
   * rtc-cmos.c cmos_validate_alarm(): a CMOS RTC without a day-of-month alarm register (the
   * FADT names none on QEMU's pc machine: "alarms up to one day") takes alarms up to
   * 24 h - 1 s ahead.
   */
  static final long MAX_AHEAD_SEC = 24 * 60 * 60 - 1;

  /** rtc0's read-only attributes smpsim serves (drivers/rtc/sysfs.c rtc_attrs[]). */
  static final List<String> ATTRS =
      List.of("name", "date", "time", "since_epoch", "max_user_freq", "hctosys");

  /**
   * The text of rtc0's attribute {@code name} when the RTC reads {@code nowSec} (seconds since
   * the epoch): name_show() is the parent's driver and device, date_show()/time_show() the
   * RTC's time as %ptRd/%ptRt, max_user_freq the class's default (rtc_allocate_device(): 64),
   * hctosys 1 because rtc0 set the system clock at boot (CONFIG_RTC_HCTOSYS_DEVICE="rtc0").
   */
  String attr(String name, long nowSec) {
    java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(nowSec, 0,
        java.time.ZoneOffset.UTC);
    return switch (name) {
      case "name" -> DEVICE + "\n";
      case "date" -> String.format("%04d-%02d-%02d\n", t.getYear(), t.getMonthValue(),
          t.getDayOfMonth());
      case "time" -> String.format("%02d:%02d:%02d\n", t.getHour(), t.getMinute(),
          t.getSecond());
      case "since_epoch" -> nowSec + "\n";
      case "max_user_freq" -> maxUserFreq + "\n";
      case "hctosys" -> "1\n";
      default -> null;
    };
  }

  /** What a store did: the errno (null when it succeeded) and a kernel line it printed. */
  record Stored(Errno errno, String kernelLine) {}

  /** rtc->max_user_freq. */
  private long maxUserFreq = 64;

  /** max_user_freq_store(): kstrtoul(), then 0 or 4096 and above are EINVAL. */
  Errno storeMaxUserFreq(String t) {
    // kstrtoul() takes no minus sign.
    BigInteger v = t.startsWith("-") ? null : kstrtos64(t);
    if (v == null) {
      return Errno.EINVAL;
    }
    if (v.signum() == 0 || v.compareTo(BigInteger.valueOf(4096)) >= 0) {
      return v.bitLength() > 64 ? Errno.ERANGE : Errno.EINVAL;
    }
    maxUserFreq = v.longValue();
    return null;
  }

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

  /**
   * wakealarm_store(): "+N" is N seconds from now, "+=N" pushes an active alarm N seconds
   * later, anything else is an absolute time. A time in the future arms the alarm (EBUSY
   * while one is armed, "+=" excepted); any other time disarms it and the write succeeds.
   */
  Stored store(String t, EntityContext ctx, long rtcSec) {
    // The RTC's seconds: the time it was set to at power-on, and since then the simulation's.
    long now = rtcSec + ctx.now() / PmTransition.S;
    String s = t;
    boolean adjust = false;
    boolean push = false;
    if (s.startsWith("+=")) {
      push = true;
      s = s.substring(2);
    } else if (s.startsWith("+")) {
      adjust = true;
      s = s.substring(1);
    }
    BigInteger parsed = kstrtos64(s);
    if (parsed == null) {
      return new Stored(Errno.EINVAL, null);
    }
    if (parsed.bitLength() > 63) {
      return new Stored(Errno.ERANGE, null);
    }
    long alarm = parsed.longValue();
    if (adjust) {
      alarm += now;
    }
    if (alarm > now || push) {
      // "Avoid accidentally clobbering active alarms".
      if (alarmSec >= 0) {
        if (!push) {
          return new Stored(Errno.EBUSY, null);
        }
        alarm += alarmSec;
      } else if (push) {
        return new Stored(Errno.EINVAL, null);
      }
      // rtc_set_alarm() -> rtc_timer_enqueue() -> cmos_set_alarm(): the driver checks the
      // range (a dev_err) and the enqueue fails, leaving the old alarm removed.
      if (alarm > now + MAX_AHEAD_SEC) {
        alarmGen++;
        alarmSec = -1;
        return new Stored(Errno.EINVAL,
            DEVICE + ": Alarms can be up to one day in the future");
      }
      alarmGen++;
      alarmSec = alarm;
      ctx.schedule((alarm - rtcSec) * PmTransition.S - ctx.now(), new SuspendResume.Alarm(alarmGen));
      return new Stored(null, null);
    }
    // A time at or before now (0, a negative one, "+0"): the alarm is disabled (its time set
    // to now + 300 s, not enabled) and the write succeeds.
    alarmGen++;
    alarmSec = -1;
    return new Stored(null, null);
  }

  /**
   * lib/kstrtox.c kstrtos64(s, 0): an optional sign, then a decimal, "0x" hexadecimal or
   * "0" octal number; null when it is not one. Out-of-range values come back unclipped.
   */
  private static BigInteger kstrtos64(String s) {
    boolean negative = false;
    String d = s;
    if (d.startsWith("-")) {
      negative = true;
      d = d.substring(1);
    } else if (d.startsWith("+")) {
      d = d.substring(1);
    }
    int radix = 10;
    if (d.length() > 2 && (d.startsWith("0x") || d.startsWith("0X"))) {
      radix = 16;
      d = d.substring(2);
    } else if (d.length() > 1 && d.startsWith("0")) {
      radix = 8;
      d = d.substring(1);
    }
    if (d.isEmpty()) {
      return null;
    }
    for (int i = 0; i < d.length(); i++) {
      if (Character.digit(d.charAt(i), radix) < 0) {
        return null;
      }
    }
    BigInteger v = new BigInteger(d, radix);
    return negative ? v.negate() : v;
  }
}

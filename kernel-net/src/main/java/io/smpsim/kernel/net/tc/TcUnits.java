package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.SizeSpec;

/**
 * iproute2's unit parsing and printing (lib/utils.c, lib/utils_math.c, lib/json_print_math.c,
 * tc/tc_core.c) with the host's /proc/net/psched of a modern kernel: 1 tick = 64 ns
 * (tick_in_usec = 15.625); get_hz() reads the machine's file ({@code TcContext.hz()}).
 */
public final class TcUnits {

  /** TIME_UNITS_PER_SEC: tc times are microseconds. */
  public static final double TIME_UNITS_PER_SEC = 1_000_000.0;
  private static final double TICK_IN_USEC = 1000.0 / 64.0;

  private static final String[] RATE_NAMES = {"bit", "Kibit", "kbit", "mibit", "mbit", "gibit",
      "gbit", "tibit", "tbit", "Bps", "KiBps", "KBps", "MiBps", "MBps", "GiBps", "GBps", "TiBps",
      "TBps"};
  private static final double[] RATE_SCALES = {1., 1024., 1000., 1024. * 1024., 1000000.,
      1024. * 1024. * 1024., 1000000000., 1024. * 1024. * 1024. * 1024., 1000000000000., 8.,
      8. * 1024., 8000., 8. * 1024 * 1024., 8000000., 8. * 1024. * 1024. * 1024., 8000000000.,
      8. * 1024. * 1024. * 1024. * 1024., 8000000000000.};

  private TcUnits() {}

  private static double rateBps(String str) {
    CFormat.Parsed p = CFormat.strtod(str);
    if (p.end() == 0) {
      return Double.NaN;
    }
    double bps = p.value();
    String suffix = str.substring(p.end());
    if (!suffix.isEmpty()) {
      boolean found = false;
      for (int i = 0; i < RATE_NAMES.length; i++) {
        if (RATE_NAMES[i].equalsIgnoreCase(suffix)) {
          bps *= RATE_SCALES[i];
          found = true;
          break;
        }
      }
      if (!found) {
        return Double.NaN;
      }
    }
    return bps / 8;
  }

  /** get_rate64(): bytes per second (unsigned), or {@code null} if unparsable. */
  public static Long getRate64(String str) {
    double bps = rateBps(str);
    if (Double.isNaN(bps) && !str.toLowerCase().startsWith("nan")) {
      return null;
    }
    return CFormat.toU64(bps);
  }

  /** get_rate(): 32-bit bytes per second, or {@code null} if unparsable or overflowing. */
  public static Long getRate(String str) {
    double bps = rateBps(str);
    if (Double.isNaN(bps)) {
      return null;
    }
    long r = CFormat.toU32(bps);
    if (r != Math.floor(bps)) {
      return null;
    }
    return r;
  }

  /** get_size(): bytes, or {@code null}. */
  public static Long getSize(String str) {
    CFormat.Parsed p = CFormat.strtod(str);
    if (p.end() == 0) {
      return null;
    }
    double sz = p.value();
    String s = str.substring(p.end());
    if (!s.isEmpty()) {
      if (s.equalsIgnoreCase("kb") || s.equalsIgnoreCase("k")) {
        sz *= 1024;
      } else if (s.equalsIgnoreCase("gb") || s.equalsIgnoreCase("g")) {
        sz *= 1024 * 1024 * 1024;
      } else if (s.equalsIgnoreCase("gbit")) {
        sz *= 1024 * 1024 * 1024 / 8;
      } else if (s.equalsIgnoreCase("mb") || s.equalsIgnoreCase("m")) {
        sz *= 1024 * 1024;
      } else if (s.equalsIgnoreCase("mbit")) {
        sz *= 1024 * 1024 / 8;
      } else if (s.equalsIgnoreCase("kbit")) {
        sz *= 1024 / 8;
      } else if (!s.equalsIgnoreCase("b")) {
        return null;
      }
    }
    long size = CFormat.toU32(sz);
    if (size != Math.floor(sz)) {
      return null;
    }
    return size;
  }

  /** get_time(): microseconds (unsigned 32), or {@code null}. */
  public static Long getTime(String str) {
    CFormat.Parsed p = CFormat.strtod(str);
    if (p.end() == 0) {
      return null;
    }
    double t = p.value();
    String s = str.substring(p.end());
    if (!s.isEmpty()) {
      if (s.equalsIgnoreCase("s") || s.equalsIgnoreCase("sec") || s.equalsIgnoreCase("secs")) {
        t *= TIME_UNITS_PER_SEC;
      } else if (s.equalsIgnoreCase("ms") || s.equalsIgnoreCase("msec")
          || s.equalsIgnoreCase("msecs")) {
        t *= TIME_UNITS_PER_SEC / 1000;
      } else if (s.equalsIgnoreCase("us") || s.equalsIgnoreCase("usec")
          || s.equalsIgnoreCase("usecs")) {
        t *= TIME_UNITS_PER_SEC / 1000000;
      } else {
        return null;
      }
    }
    return CFormat.toU32(t);
  }

  /** get_u32()/get_unsigned(): the whole string in {@code base}, or {@code null}. */
  public static Long getU32(String str, int base) {
    if (str == null || str.isEmpty()) {
      return null;
    }
    long[] r = CFormat.strtoul(str, base);
    if (r[1] == 0 || r[1] != str.length() || r[2] != 0) {
      return null;
    }
    if (Long.compareUnsigned(r[0], 0xFFFFFFFFL) > 0) {
      return null;
    }
    return r[0];
  }

  /** get_u16(). */
  public static Long getU16(String str, int base) {
    Long v = getU32(str, base);
    return v == null || v > 0xFFFF ? null : v;
  }

  /** get_integer(): a signed int, or {@code null}. */
  public static Long getInteger(String str, int base) {
    if (str == null || str.isEmpty()) {
      return null;
    }
    long[] r = CFormat.strtoul(str, base);
    if (r[1] == 0 || r[1] != str.length() || r[2] != 0) {
      return null;
    }
    if (r[0] < Integer.MIN_VALUE || r[0] > Integer.MAX_VALUE) {
      return null;
    }
    return r[0];
  }

  /** tc_core_time2tick(). */
  public static long time2tick(long timeUs) {
    return CFormat.toU32((timeUs & 0xFFFFFFFFL) * TICK_IN_USEC);
  }

  /** tc_core_tick2time(). */
  public static long tick2time(long tick) {
    return CFormat.toU32((tick & 0xFFFFFFFFL) / TICK_IN_USEC);
  }

  /** tc_core_time2big(). */
  public static boolean time2big(long timeUs) {
    double t = (timeUs & 0xFFFFFFFFL) * TICK_IN_USEC;
    return CFormat.toU64(t) >>> 32 != 0;
  }

  /** tc_calc_xmittime(): ticks to send {@code size} bytes at {@code rate} bytes/s. */
  public static long xmittime(long rate, long size) {
    double r = rate < 0 ? rate + 0x1p64 : rate;
    double t = TIME_UNITS_PER_SEC * ((double) (size & 0xFFFFFFFFL) / r);
    return CFormat.toU32(CFormat.toU32(t) * TICK_IN_USEC);
  }

  /** tc_calc_xmitsize(): bytes sent in {@code ticks} at {@code rate} (a double, as in C). */
  public static double xmitsize(long rate, long ticks) {
    double r = rate < 0 ? rate + 0x1p64 : rate;
    return (r * tick2time(ticks)) / TIME_UNITS_PER_SEC;
  }

  /** print_rate(): bits per second with SI units, e.g. {@code 10Mbit}. */
  public static String sprintRate(long bytesPerSec) {
    return sprintRate(bytesPerSec, false);
  }

  /**
   * print_rate() under {@code tc -iec}: powers of 1024 and an {@code i} in the unit, e.g.
   * {@code 9765Kibit}. The scaling stops at the first unit whose quotient would not be exact
   * while the rate is below 1000 of the next unit, so 1mbit stays {@code 1000000bit}.
   */
  public static String sprintRate(long bytesPerSec, boolean iec) {
    final String[] units = {"", "K", "M", "G", "T"};
    long kilo = iec ? 1024 : 1000;
    long rate = bytesPerSec << 3;
    int i;
    for (i = 0; i < units.length - 1; i++) {
      if (Long.compareUnsigned(rate, kilo) < 0) {
        break;
      }
      if (Long.remainderUnsigned(rate, kilo) != 0 && Long.compareUnsigned(rate, 1000 * kilo) < 0) {
        break;
      }
      rate = Long.divideUnsigned(rate, kilo);
    }
    double d = rate < 0 ? rate + 0x1p64 : rate;
    return String.format("%.0f", d) + units[i] + (i > 0 && iec ? "i" : "") + "bit";
  }

  /** sprint_size() of an unsigned 32-bit byte count. */
  public static String sprintSize(long sz) {
    long s = sz & 0xFFFFFFFFL;
    long kilo = 1024;
    long mega = kilo * kilo;
    double tmp = s;
    if (s >= mega && Math.abs(mega * Math.rint(tmp / mega) - s) < 1024) {
      return CFormat.g(Math.rint(tmp / mega)) + "Mb";
    } else if (s >= kilo && Math.abs(kilo * Math.rint(tmp / kilo) - s) < 16) {
      return CFormat.g(Math.rint(tmp / kilo)) + "Kb";
    }
    return s + "b";
  }

  /** sprint_time() of microseconds. */
  public static String sprintTime(long timeUs) {
    long t = timeUs & 0xFFFFFFFFL;
    double tmp = t;
    if (tmp >= TIME_UNITS_PER_SEC) {
      return CFormat.g(tmp / TIME_UNITS_PER_SEC, 3) + "s";
    } else if (tmp >= TIME_UNITS_PER_SEC / 1000) {
      return CFormat.g(tmp / (TIME_UNITS_PER_SEC / 1000), 3) + "ms";
    }
    return t + "us";
  }

  /** sprint_linklayer(). */
  public static String linklayer(int ll) {
    switch (ll) {
      case SizeSpec.LINKLAYER_UNSPEC: return "unspec";
      case SizeSpec.LINKLAYER_ETHERNET: return "ethernet";
      case SizeSpec.LINKLAYER_ATM: return "atm";
      default: return "unknown";
    }
  }

  /** get_linklayer(): {@code ethernet}, {@code atm}, {@code adsl} (prefixes), or -1. */
  public static int getLinklayer(String arg) {
    if (Args.matches(arg, "ethernet")) {
      return SizeSpec.LINKLAYER_ETHERNET;
    }
    if (Args.matches(arg, "atm") || Args.matches(arg, "adsl")) {
      return SizeSpec.LINKLAYER_ATM;
    }
    return -1;
  }
}

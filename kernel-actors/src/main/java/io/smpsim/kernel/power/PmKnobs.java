package io.smpsim.kernel.power;

import java.math.BigInteger;
import java.util.List;

/**
 * The plain value files of {@code /sys/power} (kernel/power/main.c, hibernate.c), with their
 * defaults and what their store functions accept: {@code pm_async} (1), {@code pm_print_times}
 * (0), {@code sync_on_suspend} (1): kstrtoul(), above 1 is EINVAL; {@code pm_freeze_timeout}
 * (20000 ms, kernel/power/process.c freeze_timeout_msecs): kstrtouint(); {@code reserved_size}
 * (1 MiB, SPARE_PAGES pages): kstrtoul(); {@code resume_offset} (0): kstrtoull().
 */
final class PmKnobs {

  /** The files' names, under /sys/power. */
  static final List<String> NAMES = List.of("pm_async", "pm_print_times", "sync_on_suspend",
      "pm_freeze_timeout", "reserved_size", "resume_offset");

  private static final BigInteger U32 = BigInteger.ONE.shiftLeft(32);
  private static final BigInteger U64 = BigInteger.ONE.shiftLeft(64);

  /** The values, in NAMES' order (unsigned 64-bit). */
  private final long[] values = {1, 0, 1, 20_000, 1024 * 1024, 0};

  /** The file's text, or null if it is not one of these. */
  String show(String name) {
    int i = NAMES.indexOf(name);
    return i < 0 ? null : Long.toUnsignedString(values[i]) + "\n";
  }

  /** The store function's verdict on {@code text} (its newline stripped): false is EINVAL. */
  boolean store(String name, String text) {
    // kstrto*(): decimal digits after an optional '+', nothing else; too large is ERANGE,
    // which these stores turn into EINVAL.
    if (!text.matches("\\+?\\d+")) {
      return false;
    }
    BigInteger v = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    BigInteger limit = switch (name) {
      case "pm_async", "pm_print_times", "sync_on_suspend" -> BigInteger.TWO;
      case "pm_freeze_timeout" -> U32;
      default -> U64;
    };
    if (v.compareTo(limit) >= 0) {
      return false;
    }
    values[NAMES.indexOf(name)] = v.longValue();
    return true;
  }

  /** sync_on_suspend: whether enter_state() syncs the filesystems. */
  boolean syncOnSuspend() {
    return values[NAMES.indexOf("sync_on_suspend")] != 0;
  }
}

package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.sim.SimMessage;
import java.math.BigDecimal;
import java.util.List;

/**
 * busybox sleep (coreutils/sleep.c with FANCY_SLEEP and FLOAT_DURATION, libbb/duration.c): the
 * shell waits the sum of its arguments in simulated time, each a number (a fraction too) with
 * an optional suffix s, m, h or d; {@code inf...} is for ever. A word that is no number is
 * {@code sleep: invalid number 'x'}, a malformed fraction and no argument get the usage, exit
 * 1. The console's shell runs without job control, so no Ctrl-C reaches it: a command typed
 * meanwhile waits for the sleep to end, as on the machine's console.
 *
 * @param ns how long, or -1 for ever
 */
record Sleep(long ns) implements ShellJob {

  /** The wake-up of the job's timer. */
  record Woke() implements SimMessage {}

  private static final long S = 1_000_000_000L;

  /** Parses sleep's arguments. */
  static ShellJob parse(List<String> args) {
    if (args.isEmpty()) {
      return new Failure(1, BusyboxUsage.of("sleep"));
    }
    if (args.get(0).regionMatches(true, 0, "inf", 0, 3)) {
      return new Sleep(-1);
    }
    BigDecimal total = BigDecimal.ZERO;
    for (String a : args) {
      BigDecimal d = duration(a);
      if (d == null) {
        return new Failure(1, BusyboxUsage.of("sleep"));
      }
      if (d.signum() < 0) {
        return new Failure(1, "sleep: invalid number '" + invalidWord(a) + "'");
      }
      total = total.add(d);
    }
    BigDecimal ns = total.multiply(BigDecimal.valueOf(S));
    return new Sleep(ns.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0 ? -1
        : ns.longValue());
  }

  /**
   * parse_duration_str(): seconds, or null for a fraction strtod() does not take whole (the
   * usage), or -1 for a word xatoul_sfx() refuses.
   */
  private static BigDecimal duration(String a) {
    String number = a;
    long mult = 1;
    if (a.indexOf('.') >= 0) {
      int len = 0;
      while (len < a.length() && "0123456789.".indexOf(a.charAt(len)) >= 0) {
        len++;
      }
      String head = a.substring(0, len);
      if (!head.matches("\\d*\\.?\\d*") || head.equals(".")) {
        return null;
      }
      Long m = suffix(a.substring(len));
      if (m == null) {
        return BigDecimal.ONE.negate();
      }
      return new BigDecimal(head.endsWith(".") ? head + "0" : head.startsWith(".") ? "0" + head
          : head).multiply(BigDecimal.valueOf(m));
    }
    int len = 0;
    while (len < a.length() && Character.isDigit(a.charAt(len))) {
      len++;
    }
    Long m = len == 0 || len > 18 ? null : suffix(a.substring(len));
    if (m == null) {
      return BigDecimal.ONE.negate();
    }
    number = a.substring(0, len);
    mult = m;
    return new BigDecimal(number).multiply(BigDecimal.valueOf(mult));
  }

  /** The multiplier of a duration suffix (none: seconds), or null. */
  private static Long suffix(String s) {
    return switch (s) {
      case "", "s" -> 1L;
      case "m" -> 60L;
      case "h" -> 3600L;
      case "d" -> 86400L;
      default -> null;
    };
  }

  /**
   * The word xatoul_sfx() complains about: for a fraction, duration.c has written a 1 over the
   * character before the suffix ({@code 1.x} is reported as {@code 1x}).
   */
  private static String invalidWord(String a) {
    if (a.indexOf('.') < 0) {
      return a;
    }
    int len = 0;
    while (len < a.length() && "0123456789.".indexOf(a.charAt(len)) >= 0) {
      len++;
    }
    return "1" + a.substring(len);
  }

  @Override
  public void start(JobContext jc) {
    if (ns >= 0) {
      jc.timer(ns, new Woke());
    }
  }

  @Override
  public void onReply(JobContext jc, SimMessage body) {
    if (body instanceof Woke) {
      jc.ok("");
    }
  }
}

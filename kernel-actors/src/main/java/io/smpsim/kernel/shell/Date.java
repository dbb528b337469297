package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob.Failure;
import io.smpsim.kernel.core.ShellJob;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * busybox date (coreutils/date.c) reading the machine's clock: CLOCK_REALTIME, which
 * timekeeping_init() took from the RTC at power-on — the scenario's {@code rtc} time, the epoch
 * by default (as /proc/stat's btime says) — and which has run with the simulation since, so it
 * is deterministic and never the host's clock. No TZ is set, so the zone is UTC.
 * {@code date [-uR] [-I[SPEC]] [+FMT]}: the default {@code %a %b %e %H:%M:%S %Z %Y}, -R
 * RFC 2822, -I ISO 8601, +FMT strftime's conversions. Setting the clock ({@code date TIME},
 * {@code -s}) is refused: the simulated clock is the simulation's.
 *
 * @param format the strftime format
 */
record Date(String format) implements ShellJob {

  /** date's default output (date.c, no -R/-I/+FMT). */
  static final String DEFAULT = "%a %b %e %H:%M:%S %Z %Y";

  /** The date of {@code args}, or the failure busybox reports for them. */
  static ShellJob parse(List<String> args) {
    String format = DEFAULT;
    String plus = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("+")) {
        if (plus != null) {
          return new Failure(1, BusyboxUsage.of("date"));
        }
        plus = a.substring(1);
      } else if (a.startsWith("-") && a.length() > 1) {
        char c = a.charAt(1);
        switch (c) {
          case 'u' -> {
            if (a.length() > 2) {
              return parse(withSplit(args, i));
            }
          }
          case 'R' -> {
            if (a.length() > 2) {
              return parse(withSplit(args, i));
            }
            format = "%a, %d %b %Y %H:%M:%S %z";
          }
          case 'I' -> {
            String spec = a.substring(2);
            format = iso(spec);
            if (format == null) {
              return new Failure(1, "date: invalid argument '" + spec + "' for '-I'");
            }
          }
          case 's' -> {
            return cannotSet();
          }
          case 'd', 'r', 'D' -> {
            return new Failure(1, "date: -" + c + " is not supported by smpsim's date");
          }
          default -> {
            return BusyboxUsage.invalidOption("date", c);
          }
        }
      } else {
        // An operand that is no +FMT sets the clock (date.c: "[[-s] TIME]").
        return cannotSet();
      }
    }
    return new Date(plus != null ? plus : format);
  }

  /** "-uR" as "-u" "-R". */
  private static List<String> withSplit(List<String> args, int i) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>(args.subList(0, i));
    for (char c : args.get(i).substring(1).toCharArray()) {
      out.add("-" + c);
    }
    out.addAll(args.subList(i + 1, args.size()));
    return out;
  }

  /** date.c's -I formats by the prefix of their name ("", date, hours, minutes, seconds). */
  private static String iso(String spec) {
    if (spec.isEmpty() || "date".startsWith(spec)) {
      return "%Y-%m-%d";
    }
    if ("hours".startsWith(spec)) {
      return "%Y-%m-%dT%H%z";
    }
    if ("minutes".startsWith(spec)) {
      return "%Y-%m-%dT%H:%M%z";
    }
    if ("seconds".startsWith(spec)) {
      return "%Y-%m-%dT%H:%M:%S%z";
    }
    return null;
  }

  /**
   * settimeofday() on the simulated clock: refused as a kernel refuses a caller without
   * CAP_SYS_TIME (date.c: bb_perror_msg_and_die("can't set date")).
   */
  private static ShellJob cannotSet() {
    return new Failure(1, "date: can't set date: Operation not permitted");
  }

  @Override
  public void start(JobContext jc) {
    jc.ok(format(format, jc.config().wallNs(jc.now())) + "\n");
  }

  /** strftime() in the C locale and UTC, for the wall-clock second {@code nowNs / 1e9}. */
  static String format(String fmt, long nowNs) {
    long sec = Math.floorDiv(nowNs, 1_000_000_000L);
    long nanos = Math.floorMod(nowNs, 1_000_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fmt.length(); i++) {
      char c = fmt.charAt(i);
      if (c != '%' || i + 1 == fmt.length()) {
        b.append(c);
        continue;
      }
      char k = fmt.charAt(++i);
      switch (k) {
        case 'a' -> b.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT));
        case 'A' -> b.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT));
        case 'b', 'h' -> b.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT));
        case 'B' -> b.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT));
        case 'c' -> b.append(format("%a %b %e %H:%M:%S %Y", nowNs));
        case 'C' -> b.append(String.format("%02d", t.getYear() / 100));
        case 'd' -> b.append(String.format("%02d", t.getDayOfMonth()));
        case 'D' -> b.append(format("%m/%d/%y", nowNs));
        case 'e' -> b.append(String.format("%2d", t.getDayOfMonth()));
        case 'F' -> b.append(format("%Y-%m-%d", nowNs));
        case 'H' -> b.append(String.format("%02d", t.getHour()));
        case 'I' -> b.append(String.format("%02d", (t.getHour() + 11) % 12 + 1));
        case 'j' -> b.append(String.format("%03d", t.getDayOfYear()));
        case 'k' -> b.append(String.format("%2d", t.getHour()));
        case 'l' -> b.append(String.format("%2d", (t.getHour() + 11) % 12 + 1));
        case 'm' -> b.append(String.format("%02d", t.getMonthValue()));
        case 'M' -> b.append(String.format("%02d", t.getMinute()));
        case 'n' -> b.append('\n');
        case 'N' -> b.append(String.format("%09d", nanos));
        case 'p' -> b.append(t.getHour() < 12 ? "AM" : "PM");
        case 'R' -> b.append(format("%H:%M", nowNs));
        case 's' -> b.append(sec);
        case 'S' -> b.append(String.format("%02d", t.getSecond()));
        case 't' -> b.append('\t');
        case 'T' -> b.append(format("%H:%M:%S", nowNs));
        case 'u' -> b.append(t.getDayOfWeek().getValue());
        case 'w' -> b.append(t.getDayOfWeek().getValue() % 7);
        case 'y' -> b.append(String.format("%02d", t.getYear() % 100));
        case 'Y' -> b.append(t.getYear());
        case 'z' -> b.append("+0000");
        case 'Z' -> b.append("UTC");
        case '%' -> b.append('%');
        // glibc copies a conversion it does not know as it stands.
        default -> b.append('%').append(k);
      }
    }
    return b.toString();
  }
}

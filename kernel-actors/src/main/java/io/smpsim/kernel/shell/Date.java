package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob.Failure;
import io.smpsim.kernel.core.ShellJob;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * busybox date (coreutils/date.c) reading the machine's clock: CLOCK_REALTIME, which
 * timekeeping_init() took from the RTC at power-on — the scenario's {@code rtc} time, the epoch
 * by default (as /proc/stat's btime says) — and which has run with the simulation since, so it
 * is deterministic and never the host's clock. No TZ is set, so the zone is UTC.
 * {@code date [-uR] [-I[SPEC]] [-d TIME] [+FMT]}: the default {@code %a %b %e %H:%M:%S %Z %Y},
 * -R RFC 2822, -I ISO 8601, +FMT strftime's conversions, -d another time than now
 * ({@link DateString}). Setting the clock ({@code date TIME}, {@code -s}) is refused: the
 * simulated clock is the simulation's.
 *
 * @param format the strftime format
 * @param time -d's TIME, or null for now
 */
record Date(String format, String time) implements ShellJob {

  /** date's default output (date.c, no -R/-I/+FMT). */
  static final String DEFAULT = "%a %b %e %H:%M:%S %Z %Y";

  /** The date of {@code args}, or the failure busybox reports for them. */
  static ShellJob parse(List<String> args) {
    String format = DEFAULT;
    String plus = null;
    String time = null;
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
              return new Failure(1, BusyboxUsage.of("date"));
            }
          }
          case 's' -> {
            return cannotSet();
          }
          case 'd' -> {
            time = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : null;
            if (time == null) {
              return io.smpsim.kernel.core.BusyboxUsage.refuse("date",
                  "date: option requires an argument -- 'd'");
            }
          }
          case 'r', 'D' -> {
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
    return new Date(plus != null ? plus : format, time);
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

  /**
   * date.c's -I formats by the prefix of their name ("", date, hours, minutes, seconds, ns),
   * with the zone as date.c appends it ({@code +00:00}; no nanoseconds without
   * FEATURE_DATE_NANO), or null.
   */
  private static String iso(String spec) {
    if (spec.isEmpty() || "date".startsWith(spec)) {
      return "%Y-%m-%d";
    }
    if ("hours".startsWith(spec)) {
      return "%Y-%m-%dT%H+00:00";
    }
    if ("minutes".startsWith(spec)) {
      return "%Y-%m-%dT%H:%M+00:00";
    }
    if ("seconds".startsWith(spec)) {
      return "%Y-%m-%dT%H:%M:%S+00:00";
    }
    if ("ns".startsWith(spec)) {
      return "%Y-%m-%dT%H:%M:%S,000000000+00:00";
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
    long now = jc.config().wallNs(jc.now());
    if (time == null) {
      jc.ok(format(format, now) + "\n");
      return;
    }
    Long sec = DateString.parse(time, Math.floorDiv(now, 1_000_000_000L));
    String text = sec == null ? null : formatSeconds(format, sec);
    if (text == null) {
      // parse_datestr() refused it, or localtime() cannot hold its year.
      jc.fail(1, "date: invalid date '" + time + "'");
      return;
    }
    jc.ok(text + "\n");
  }

  /** strftime() in the C locale and UTC, for the wall-clock second {@code nowNs / 1e9}. */
  static String format(String fmt, long nowNs) {
    return formatSeconds(fmt, Math.floorDiv(nowNs, 1_000_000_000L));
  }

  /** {@link #format} for the second {@code sec}; null for a year no calendar here holds. */
  static String formatSeconds(String fmt, long sec) {
    LocalDateTime t;
    try {
      t = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fmt.length(); i++) {
      char c = fmt.charAt(i);
      if (c != '%' || i + 1 == fmt.length()) {
        b.append(c);
        continue;
      }
      int start = i++;
      // glibc's flags (- _ 0 ^ #) and field width.
      String flags = "";
      while (i < fmt.length() && "-_0^#".indexOf(fmt.charAt(i)) >= 0) {
        flags += fmt.charAt(i++);
      }
      int width = -1;
      int w0 = i;
      while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
        i++;
      }
      if (i > w0) {
        width = Integer.parseInt(fmt.substring(w0, Math.min(i, w0 + 4)));
      }
      if (i == fmt.length()) {
        b.append(fmt, start, i);
        break;
      }
      String v = conversion(fmt.charAt(i), t, sec, flags, width);
      b.append(v != null ? v : fmt.substring(start, i + 1));
    }
    return b.toString();
  }

  /** One conversion of strftime() in the C locale, or null for one glibc does not know. */
  private static String conversion(char k, LocalDateTime t, long sec, String flags, int width) {
    int hour12 = (t.getHour() + 11) % 12 + 1;
    int wday = t.getDayOfWeek().getValue() % 7;
    int yday = t.getDayOfYear() - 1;
    return switch (k) {
      case 'a' -> text(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT), flags,
          width);
      case 'A' -> text(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT), flags,
          width);
      case 'b', 'h' -> text(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT), flags,
          width);
      case 'B' -> text(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT), flags, width);
      case 'c' -> text(formatSeconds("%a %b %e %H:%M:%S %Y", sec), flags, width);
      case 'C' -> number(t.getYear() / 100, 2, '0', flags, width);
      case 'd' -> number(t.getDayOfMonth(), 2, '0', flags, width);
      case 'D', 'x' -> text(formatSeconds("%m/%d/%y", sec), flags, width);
      case 'e' -> number(t.getDayOfMonth(), 2, ' ', flags, width);
      case 'F' -> text(formatSeconds("%Y-%m-%d", sec), flags, width);
      case 'g' -> number(t.get(IsoFields.WEEK_BASED_YEAR) % 100, 2, '0', flags, width);
      case 'G' -> number(t.get(IsoFields.WEEK_BASED_YEAR), 1, '0', flags, width);
      case 'H' -> number(t.getHour(), 2, '0', flags, width);
      case 'I' -> number(hour12, 2, '0', flags, width);
      case 'j' -> number(t.getDayOfYear(), 3, '0', flags, width);
      case 'k' -> number(t.getHour(), 2, ' ', flags, width);
      case 'l' -> number(hour12, 2, ' ', flags, width);
      case 'm' -> number(t.getMonthValue(), 2, '0', flags, width);
      case 'M' -> number(t.getMinute(), 2, '0', flags, width);
      case 'n' -> "\n";
      case 'p' -> text(t.getHour() < 12 ? "AM" : "PM", flags, width);
      case 'P' -> text(t.getHour() < 12 ? "am" : "pm", flags, width);
      case 'r' -> text(formatSeconds("%I:%M:%S %p", sec), flags, width);
      case 'R' -> text(formatSeconds("%H:%M", sec), flags, width);
      case 's' -> number(sec, 1, '0', flags, width);
      case 'S' -> number(t.getSecond(), 2, '0', flags, width);
      case 't' -> "\t";
      case 'T', 'X' -> text(formatSeconds("%H:%M:%S", sec), flags, width);
      case 'u' -> number(t.getDayOfWeek().getValue(), 1, '0', flags, width);
      case 'U' -> number((yday + 7 - wday) / 7, 2, '0', flags, width);
      case 'V' -> number(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, '0', flags, width);
      case 'w' -> number(wday, 1, '0', flags, width);
      case 'W' -> number((yday + 7 - (wday + 6) % 7) / 7, 2, '0', flags, width);
      case 'y' -> number(t.getYear() % 100, 2, '0', flags, width);
      case 'Y' -> number(t.getYear(), 1, '0', flags, width);
      case 'z' -> text("+0000", flags, width);
      case 'Z' -> text("UTC", flags, width);
      case '%' -> "%";
      default -> null;
    };
  }

  /**
   * A number as glibc pads it: to its default width with its default pad, or as the flags say
   * ({@code -} none, {@code _} blanks, {@code 0} zeros) to the given width.
   */
  private static String number(long v, int defaultWidth, char defaultPad, String flags,
      int width) {
    String digits = Long.toString(v);
    if (flags.contains("-")) {
      return digits;
    }
    char pad = flags.contains("_") ? ' ' : flags.contains("0") ? '0' : defaultPad;
    int w = width >= 0 ? width : defaultWidth;
    return digits.length() >= w ? digits : String.valueOf(pad).repeat(w - digits.length())
        + digits;
  }

  /**
   * A text as glibc shapes it: {@code ^} in capitals, {@code #} its case swapped, blanks (or
   * zeros with {@code 0}) to the width.
   */
  private static String text(String s, String flags, int width) {
    String upper = s.toUpperCase(Locale.ROOT);
    // A name (Sep) goes to capitals; what is in capitals already (AM, UTC) to small letters.
    String v = flags.contains("^") ? upper : !flags.contains("#") ? s
        : s.equals(upper) ? s.toLowerCase(Locale.ROOT) : upper;
    char pad = flags.contains("0") ? '0' : ' ';
    return width > v.length() ? String.valueOf(pad).repeat(width - v.length()) + v : v;
  }
}

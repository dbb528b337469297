package io.smpsim.kernel.shell;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * busybox's parse_datestr() (libbb/time.c, ENABLE_DESKTOP) for {@code date -d TIME}, in UTC:
 * strptime()'s forms {@code HH:MM[:SS]}, {@code MM.DD-HH:MM[:SS]},
 * {@code YYYY.MM.DD-HH:MM[:SS]}, {@code MON DD HH:MM:SS YYYY}, {@code YYYY-MM-DD[ HH[:MM[:SS]]]},
 * then {@code @SECONDS}, then {@code [[[[[YY]YY]MM]DD]hh]mm[.ss]}. What a form leaves out is
 * today's (the time of day from midnight, as date.c zeroes it first); mktime() then carries
 * what overflows (the 30th of February is the 1st or 2nd of March).
 */
final class DateString {

  private DateString() {}

  /** strptime()'s forms, in parse_datestr()'s order. */
  private static final Pattern[] FORMS = {
      Pattern.compile("(?<H>\\d{1,2}):(?<M>\\d{1,2})"),
      Pattern.compile("(?<H>\\d{1,2}):(?<M>\\d{1,2}):(?<S>\\d{1,2})"),
      Pattern.compile("(?<m>\\d{1,2})\\.(?<d>\\d{1,2})-(?<H>\\d{1,2}):(?<M>\\d{1,2})"),
      Pattern.compile("(?<m>\\d{1,2})\\.(?<d>\\d{1,2})-(?<H>\\d{1,2}):(?<M>\\d{1,2}):"
          + "(?<S>\\d{1,2})"),
      Pattern.compile("(?<Y>\\d{1,4})\\.(?<m>\\d{1,2})\\.(?<d>\\d{1,2})-(?<H>\\d{1,2}):"
          + "(?<M>\\d{1,2})"),
      Pattern.compile("(?<Y>\\d{1,4})\\.(?<m>\\d{1,2})\\.(?<d>\\d{1,2})-(?<H>\\d{1,2}):"
          + "(?<M>\\d{1,2}):(?<S>\\d{1,2})"),
      Pattern.compile("(?<b>[A-Za-z]+) +(?<d>\\d{1,2}) +(?<H>\\d{1,2}):(?<M>\\d{1,2}):"
          + "(?<S>\\d{1,2}) +(?<Y>\\d{1,4})"),
      Pattern.compile("(?<Y>\\d{1,4})-(?<m>\\d{1,2})-(?<d>\\d{1,2}) +(?<H>\\d{1,2}):"
          + "(?<M>\\d{1,2})"),
      Pattern.compile("(?<Y>\\d{1,4})-(?<m>\\d{1,2})-(?<d>\\d{1,2}) +(?<H>\\d{1,2}):"
          + "(?<M>\\d{1,2}):(?<S>\\d{1,2})"),
      Pattern.compile("(?<Y>\\d{1,4})-(?<m>\\d{1,2})-(?<d>\\d{1,2}) +(?<H>\\d{1,2})"),
      Pattern.compile("(?<Y>\\d{1,4})-(?<m>\\d{1,2})-(?<d>\\d{1,2})")};

  private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul",
      "aug", "sep", "oct", "nov", "dec"};

  /**
   * The second {@code s} names, today being the day of {@code nowSec}; null where busybox says
   * {@code date: invalid date 'S'}.
   */
  static Long parse(String s, long nowSec) {
    LocalDateTime now = LocalDateTime.ofEpochSecond(nowSec, 0, ZoneOffset.UTC);
    // [year, month 1-12, day, hour, minute, second]; date.c starts from today's midnight.
    long[] tm = {now.getYear(), now.getMonthValue(), now.getDayOfMonth(), 0, 0, 0};
    String t = s.strip();
    for (Pattern p : FORMS) {
      Matcher m = p.matcher(t);
      if (m.matches() && fields(m, tm)) {
        return seconds(tm);
      }
    }
    if (t.startsWith("@")) {
      String n = t.substring(1);
      return n.matches("\\d{1,18}") ? Long.parseLong(n) : null;
    }
    return digits(t, tm, now.getYear()) ? seconds(tm) : null;
  }

  /** A form's fields into {@code tm}, with strptime()'s ranges; false if one is out. */
  private static boolean fields(Matcher m, long[] tm) {
    String[] names = {"Y", "m", "d", "H", "M", "S"};
    int[] max = {9999, 12, 31, 23, 59, 61};
    int[] min = {0, 1, 1, 0, 0, 0};
    long[] out = tm.clone();
    for (int i = 0; i < names.length; i++) {
      String v = group(m, names[i]);
      if (v != null) {
        long n = Long.parseLong(v);
        if (n < min[i] || n > max[i]) {
          return false;
        }
        out[i] = n;
      }
    }
    String month = group(m, "b");
    if (month != null) {
      String b = month.toLowerCase(Locale.ROOT);
      int found = -1;
      for (int i = 0; i < MONTHS.length; i++) {
        String full = java.time.Month.of(i + 1).name().toLowerCase(Locale.ROOT);
        if (b.equals(MONTHS[i]) || b.equals(full)) {
          found = i + 1;
        }
      }
      if (found < 0) {
        return false;
      }
      out[1] = found;
    }
    System.arraycopy(out, 0, tm, 0, tm.length);
    return true;
  }

  private static String group(Matcher m, String name) {
    return m.pattern().pattern().contains("<" + name + ">") ? m.group(name) : null;
  }

  /**
   * {@code [[[[[YY]YY]MM]DD]hh]mm[.ss]} ("touch -t" order): by the digits before the dot; a
   * two-digit year is put in the century within 50 years of now.
   */
  private static boolean digits(String t, long[] tm, int year) {
    Matcher m = Pattern.compile("(\\d+)(?:\\.(\\d{1,2}))?").matcher(t);
    if (!m.matches()) {
      return false;
    }
    String d = m.group(1);
    int[] order;
    switch (d.length()) {
      case 2 -> order = new int[] {4};
      case 4 -> order = new int[] {3, 4};
      case 6 -> order = new int[] {2, 3, 4};
      case 8 -> order = new int[] {1, 2, 3, 4};
      case 10 -> order = new int[] {0, 1, 2, 3, 4};
      case 12 -> order = new int[] {-1, 1, 2, 3, 4};
      default -> {
        return false;
      }
    }
    int at = 0;
    for (int field : order) {
      int width = field == -1 ? 4 : 2;
      long v = Long.parseLong(d.substring(at, at + width));
      at += width;
      if (field == -1) {
        tm[0] = v;
      } else if (field == 0) {
        long y = v + (year / 100) * 100;
        if (y < year - 50) {
          y += 100;
        } else if (y > year + 50) {
          y -= 100;
        }
        tm[0] = y;
      } else {
        tm[field] = v;
      }
    }
    if (m.group(2) != null) {
      tm[5] = Long.parseLong(m.group(2));
    }
    return true;
  }

  /** mktime() in UTC: the fields as given, whatever overflows carried into the next. */
  private static long seconds(long[] tm) {
    LocalDateTime t = LocalDateTime.of((int) tm[0], 1, 1, 0, 0)
        .plusMonths(tm[1] - 1).plusDays(tm[2] - 1).plusHours(tm[3]).plusMinutes(tm[4])
        .plusSeconds(tm[5]);
    return t.toEpochSecond(ZoneOffset.UTC);
  }
}

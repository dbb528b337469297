package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.core.Options;
import io.smpsim.kernel.core.ShellJob.Failure;
import io.smpsim.kernel.core.TextFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * busybox cut (coreutils/cut.c): {@code cut -f LIST [-d C] [-s] | -c LIST | -b LIST [FILE]...}.
 * A LIST is positions and ranges ({@code 2}, {@code 2-4}, {@code 3-}, {@code -2}) separated by
 * commas, counted from 1 (0 counts as 1), each position printed once and in order. With -f a
 * line without the delimiter (a tab by default) is printed whole, or not at all with -s; the
 * fields are joined by the delimiter. Errors as busybox 1.35's.
 *
 * @param fields -f: fields rather than characters
 * @param delimiter the field delimiter
 * @param onlyDelimited -s
 * @param ranges the selected positions, 0-based and inclusive, as {start, end} (end -1: to
 *     the end of the line)
 */
record Cut(boolean fields, char delimiter, boolean onlyDelimited, List<int[]> ranges)
    implements TextFilter {

  /** Parses cut's arguments (getopt32 "b:c:f:d:sn"). */
  static TextCommand parse(List<String> args) {
    Options o = Options.parse("cut", args, "b:c:f:d:sn", 1);
    if (o.failure() != null) {
      return TextCommand.refused("cut", o.failure());
    }
    char kind = 0;
    String list = null;
    for (Options.Given g : o.given()) {
      if ("bcf".indexOf(g.letter()) >= 0) {
        if (kind != 0 && kind != g.letter()) {
          // More than one of -b -c -f: getopt32's mutual exclusion shows the usage.
          return TextCommand.refused("cut", new Failure(1, BusyboxUsage.of("cut")));
        }
        kind = g.letter();
        list = g.value();
      }
    }
    String delim = o.value('d');
    boolean s = o.has('s');
    List<String> files = o.operands();
    if (kind == 0) {
      return TextCommand.refused("cut", new Failure(1,
          "cut: expected a list of bytes, characters, or fields"));
    }
    if (delim != null && kind != 'f') {
      return TextCommand.refused("cut", new Failure(1,
          "cut: a delimiter may be specified only when operating on fields"));
    }
    List<int[]> ranges = new ArrayList<>();
    for (String r : list.split(",", -1)) {
      int dash = r.indexOf('-');
      String from = dash < 0 ? r : r.substring(0, dash);
      String to = dash < 0 ? r : r.substring(dash + 1);
      Integer start = from.isEmpty() && dash >= 0 ? Integer.valueOf(1) : number(from);
      Integer end = to.isEmpty() && dash >= 0 ? Integer.valueOf(-1) : number(to);
      if (start == null || end == null) {
        String bad = start == null ? from : to;
        return TextCommand.refused("cut", new Failure(1, "cut: invalid number '" + bad + "'"));
      }
      ranges.add(new int[] {Math.max(start - 1, 0), end < 0 ? -1 : end - 1});
    }
    char d = delim == null ? '\t' : delim.isEmpty() ? '\0' : delim.charAt(0);
    return new TextCommand("cut", new Cut(kind == 'f', d, s, List.copyOf(ranges)),
        List.copyOf(files), null);
  }

  private static Integer number(String s) {
    return s.matches("\\d{1,9}") ? Integer.valueOf(s) : null;
  }

  /** Whether position {@code p} (0-based) is selected. */
  private boolean selected(int p) {
    for (int[] r : ranges) {
      if (p >= r[0] && (r[1] < 0 || p <= r[1])) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String apply(String text) {
    String separator = java.util.regex.Pattern.quote(String.valueOf(delimiter));
    StringBuilder out = new StringBuilder();
    for (String line : text.lines().toList()) {
      if (!fields) {
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < line.length(); p++) {
          if (selected(p)) {
            b.append(line.charAt(p));
          }
        }
        out.append(b).append('\n');
        continue;
      }
      if (line.indexOf(delimiter) < 0) {
        if (!onlyDelimited) {
          out.append(line).append('\n');
        }
        continue;
      }
      String[] f = line.split(separator, -1);
      StringBuilder b = new StringBuilder();
      boolean first = true;
      for (int p = 0; p < f.length; p++) {
        if (selected(p)) {
          if (!first) {
            b.append(delimiter);
          }
          b.append(f[p]);
          first = false;
        }
      }
      out.append(b).append('\n');
    }
    return out.toString();
  }
}

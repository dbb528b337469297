package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.Options;
import io.smpsim.kernel.core.ShellJob.Failure;
import io.smpsim.kernel.core.TextFilter;
import java.util.List;
import java.util.Locale;

/**
 * busybox uniq (coreutils/uniq.c): {@code uniq [-cdui] [-f N] [-s N] [-w N] [FILE]}: one line of
 * each run of equal adjacent lines, compared after skipping N blank-separated fields (-f) and
 * then N characters (-s), over at most N characters (-w), ignoring case with -i; -c prefixes
 * the run's length ({@code "%7d "}), -d prints only repeated runs, -u only single lines. An
 * OUTFILE is refused (smpsim's uniq writes its standard output).
 *
 * @param count -c
 * @param onlyRepeated -d
 * @param onlyUnique -u
 * @param ignoreCase -i
 * @param skipFields -f
 * @param skipChars -s
 * @param width -w (-1: whole line)
 */
record Uniq(boolean count, boolean onlyRepeated, boolean onlyUnique, boolean ignoreCase,
    int skipFields, int skipChars, int width) implements TextFilter {

  /** Parses uniq's arguments (getopt32 "cf:+s:+w:+udiz"). */
  static TextCommand parse(List<String> args) {
    Options o = Options.parse("uniq", args, "cf:s:w:udiz", 1);
    if (o.failure() != null) {
      return TextCommand.refused("uniq", o.failure());
    }
    if (o.has('z')) {
      return TextCommand.refused("uniq", new Failure(1, "uniq: -z is not supported by"
          + " smpsim's uniq"));
    }
    int[] n = new int[3];
    String fields = "fsw";
    for (int k = 0; k < 3; k++) {
      String v = o.value(fields.charAt(k));
      if (v != null && !v.matches("\\d{1,9}")) {
        return TextCommand.refused("uniq", new Failure(1, "uniq: invalid number '" + v + "'"));
      }
      n[k] = v == null ? (k == 2 ? -1 : 0) : Integer.parseInt(v);
    }
    boolean c = o.has('c');
    boolean d = o.has('d');
    boolean u = o.has('u');
    boolean i = o.has('i');
    int f = n[0];
    int s = n[1];
    int w = n[2];
    List<String> files = o.operands();
    if (files.size() > 1) {
      return TextCommand.refused("uniq", new Failure(1, "uniq: smpsim's uniq writes its"
          + " standard output: give no OUTFILE"));
    }
    return new TextCommand("uniq", new Uniq(c, d, u, i, f, s, w), List.copyOf(files), null);
  }

  /** What of a line is compared. */
  private String key(String line) {
    int p = 0;
    for (int n = 0; n < skipFields; n++) {
      while (p < line.length() && Character.isWhitespace(line.charAt(p))) {
        p++;
      }
      while (p < line.length() && !Character.isWhitespace(line.charAt(p))) {
        p++;
      }
    }
    p = Math.min(p + skipChars, line.length());
    String k = line.substring(p);
    if (width >= 0 && k.length() > width) {
      k = k.substring(0, width);
    }
    return ignoreCase ? k.toLowerCase(Locale.ROOT) : k;
  }

  @Override
  public String apply(String text) {
    StringBuilder out = new StringBuilder();
    List<String> lines = text.lines().toList();
    int i = 0;
    while (i < lines.size()) {
      int j = i + 1;
      String k = key(lines.get(i));
      while (j < lines.size() && key(lines.get(j)).equals(k)) {
        j++;
      }
      int run = j - i;
      if ((run > 1 || !onlyRepeated) && (run == 1 || !onlyUnique)) {
        if (count) {
          out.append(String.format("%7d ", run));
        }
        out.append(lines.get(i)).append('\n');
      }
      i = j;
    }
    return out.toString();
  }
}

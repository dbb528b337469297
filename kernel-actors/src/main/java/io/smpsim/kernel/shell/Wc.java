package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.Options;
import io.smpsim.kernel.core.ShellJob.Failure;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import java.util.List;

/**
 * busybox wc (coreutils/wc.c): {@code wc [-lwcL] [FILE]}, by default lines, words and bytes
 * ({@link TextFilter.Wc} counts and prints). An unknown option is
 * {@code wc: invalid option -- 'x'}, a missing file {@code wc: F: No such file or directory}
 * (fopen_or_warn_stdin), exit 1. Several files get padded columns, their names and a
 * {@code total} line.
 *
 * @param filter the counts, for the one file or standard input
 * @param files the operands
 * @param error the refusal, or null
 */
record Wc(TextFilter.Wc filter, List<String> files, Failure error) {

  /** The wc of {@code args}. */
  static Wc parse(List<String> args) {
    Options o = Options.parse("wc", args, "cmlwL", 1);
    if (o.failure() != null) {
      return new Wc(null, List.of(), o.failure());
    }
    boolean l = o.has('l');
    boolean w = o.has('w');
    boolean c = o.has('c') || o.has('m');
    boolean longest = o.has('L');
    List<String> files = o.operands();
    if (!(l || w || c || longest)) {
      l = true;
      w = true;
      c = true;
    }
    String name = files.isEmpty() ? null : files.get(0);
    return new Wc(new TextFilter.Wc(l, w, c, longest, name, files.size() > 1),
        List.copyOf(files), null);
  }

  /** The command {@code wc ARGS} on a file. */
  ShellJob job() {
    if (error != null) {
      return error;
    }
    if (files.isEmpty()) {
      return new Failure(1, "wc: reading standard input is not supported outside a pipeline");
    }
    CatJob counts = new CatJob("wc", files, filter, false);
    return files.size() > 1 ? new TextCommand.Filtered(counts, new Total(filter.longest()))
        : counts;
  }

  /**
   * The {@code total} line after the files' counts (wc.c: the sums, and the longest line of
   * all for -L), taken from the count lines printed before it.
   *
   * @param longestLast whether the last column is -L's
   */
  record Total(boolean longestLast) implements TextFilter {
    @Override
    public String apply(String text) {
      long[] total = null;
      for (String line : text.lines().toList()) {
        String[] f = line.trim().split("\\s+");
        int n = 0;
        while (n < f.length && f[n].matches("\\d+")) {
          n++;
        }
        // A file's line has its counts and its name: one column fewer than its fields.
        n = Math.min(n, f.length - 1);
        if (total == null) {
          total = new long[n];
        }
        for (int i = 0; i < Math.min(n, total.length); i++) {
          long v = Long.parseLong(f[i]);
          total[i] = longestLast && i == total.length - 1 ? Math.max(total[i], v) : total[i] + v;
        }
      }
      StringBuilder out = new StringBuilder(text);
      long[] t = total == null ? new long[0] : total;
      for (int i = 0; i < t.length; i++) {
        out.append(String.format(i == 0 ? "%9d" : " %9d", t[i]));
      }
      return out.append(" total\n").toString();
    }
  }
}

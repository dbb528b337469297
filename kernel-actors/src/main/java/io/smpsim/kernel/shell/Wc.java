package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.core.ShellJob.Failure;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * busybox wc (coreutils/wc.c): {@code wc [-lwcL] [FILE]}, by default lines, words and bytes
 * ({@link TextFilter.Wc} counts and prints). An unknown option is
 * {@code wc: invalid option -- 'x'}, a missing file {@code wc: F: No such file or directory}
 * (fopen_or_warn_stdin), exit 1. smpsim's wc counts one file or its standard input; the totals
 * line of several files is not built.
 *
 * @param filter the counts, for the one file or standard input
 * @param files the operands
 * @param error the refusal, or null
 */
record Wc(TextFilter.Wc filter, List<String> files, Failure error) {

  /** The wc of {@code args}. */
  static Wc parse(List<String> args) {
    boolean l = false;
    boolean w = false;
    boolean c = false;
    boolean longest = false;
    List<String> files = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        files.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (!a.startsWith("-") || a.length() == 1) {
        files.add(a);
        continue;
      }
      for (char o : a.substring(1).toCharArray()) {
        switch (o) {
          case 'l' -> l = true;
          case 'w' -> w = true;
          case 'c', 'm' -> c = true;
          case 'L' -> longest = true;
          default -> {
            return new Wc(null, List.of(), BusyboxUsage.invalidOption("wc", o));
          }
        }
      }
    }
    if (!(l || w || c || longest)) {
      l = true;
      w = true;
      c = true;
    }
    if (files.size() > 1) {
      return new Wc(null, List.of(), new Failure(1, "wc: smpsim's wc counts one FILE (or its"
          + " standard input); give one"));
    }
    String name = files.isEmpty() ? null : files.get(0);
    return new Wc(new TextFilter.Wc(l, w, c, longest, name), List.copyOf(files), null);
  }

  /** The command {@code wc ARGS} on a file. */
  ShellJob job() {
    if (error != null) {
      return error;
    }
    if (files.isEmpty()) {
      return new Failure(1, "wc: reading standard input is not supported outside a pipeline");
    }
    return new CatJob("wc", files, filter, false);
  }
}

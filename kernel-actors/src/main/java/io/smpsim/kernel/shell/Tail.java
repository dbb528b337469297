package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.ShellJob.Failure;
import io.smpsim.kernel.core.TextFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * busybox tail (coreutils/tail.c): {@code tail [-n [+|-]N] [-c [+|-]N] [-qv] [FILE]...} and the
 * legacy {@code tail -N} / {@code tail +N}. {@code +N} prints from line (byte) N on. Errors as
 * head's: {@code tail: invalid number 'X'}, {@code tail: invalid option -- 'x'}, exit 1; a
 * missing file is {@code tail: can't open 'F': No such file or directory} (open_or_warn), the
 * others are still printed. {@code -f} follows a file as it grows, which a simulated file read
 * at one instant cannot: it is refused.
 *
 * @param filter how much of each file
 * @param files the operands (none: standard input)
 * @param headers whether each file gets its {@code ==> FILE <==} line
 * @param error what busybox (or smpsim, for -f) reports for the arguments, or null
 */
record Tail(TextFilter.Tail filter, List<String> files, boolean headers, Failure error) {

  /** The tail of {@code args} (with its error if they are refused). */
  static Tail parse(List<String> args) {
    long count = 10;
    boolean bytes = false;
    boolean fromStart = false;
    int headers = 0;
    List<String> files = new ArrayList<>();
    int i = 0;
    if (!args.isEmpty() && args.get(0).length() > 1
        && (args.get(0).charAt(0) == '-' || args.get(0).charAt(0) == '+')
        && Character.isDigit(args.get(0).charAt(1))) {
      Long n = Head.number(args.get(0).substring(1));
      if (n == null) {
        return refused(invalidNumber(args.get(0).substring(1)));
      }
      count = n;
      fromStart = args.get(0).charAt(0) == '+';
      i = 1;
    }
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        files.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (!a.startsWith("-") || a.length() == 1) {
        files.add(a);
        continue;
      }
      for (int k = 1; k < a.length(); k++) {
        char c = a.charAt(k);
        switch (c) {
          case 'q' -> headers = -1;
          case 'v' -> headers = 1;
          case 'f', 'F' -> {
            return refused(new Failure(1, "tail: -" + c + " is not supported by smpsim: a"
                + " simulated file is read at one instant"));
          }
          case 'n', 'c' -> {
            String value;
            if (k + 1 < a.length()) {
              value = a.substring(k + 1);
            } else if (i + 1 < args.size()) {
              value = args.get(++i);
            } else {
              return refused(new Failure(1, "tail: option requires an argument -- '" + c + "'"));
            }
            bytes = c == 'c';
            fromStart = value.startsWith("+");
            String digits = value.startsWith("+") || value.startsWith("-")
                ? value.substring(1) : value;
            Long n = Head.number(digits);
            if (n == null) {
              return refused(invalidNumber(digits));
            }
            count = n;
            k = a.length();
          }
          default -> {
            return refused(new Failure(1, "tail: invalid option -- '" + c + "'"));
          }
        }
      }
    }
    boolean show = headers > 0 || (headers == 0 && files.size() > 1);
    return new Tail(new TextFilter.Tail(count, bytes, fromStart), List.copyOf(files), show,
        null);
  }

  private static Failure invalidNumber(String s) {
    return new Failure(1, "tail: invalid number '" + s + "'");
  }

  private static Tail refused(Failure f) {
    return new Tail(TextFilter.Tail.DEFAULT, List.of(), false, f);
  }

  /** The command {@code tail ARGS}: its error, or the files read one after the other. */
  ShellJob job() {
    if (error != null) {
      return error;
    }
    if (files.isEmpty()) {
      return new Failure(1, "tail: reading standard input is not supported outside a pipeline");
    }
    return new CatJob("tail", files, filter, headers);
  }
}

package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.ShellJob.Failure;
import io.smpsim.kernel.core.TextFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * busybox head (coreutils/head.c, FEATURE_FANCY_HEAD): {@code head [-n [-]N] [-c [-]N] [-qv]
 * [FILE]...} and the legacy {@code head -N}. N takes head.c's suffixes (b 512, k 1024, m
 * 1048576); a bad one is {@code head: invalid number 'X'} (xatoul_sfx), an unknown option
 * {@code head: invalid option -- 'x'}, both exit 1. With more than one file (or -v) each starts
 * with {@code ==> FILE <==}, after a blank line but the first; a missing file is
 * {@code head: FILE: No such file or directory} (fopen_or_warn) and exit 1, the others are
 * still printed.
 *
 * @param filter how much of each file
 * @param files the operands (none: standard input)
 * @param headers whether each file gets its header line
 * @param error what busybox reports for the arguments, or null when they are good
 */
record Head(TextFilter.Head filter, List<String> files, boolean headers, Failure error) {

  /** The head of {@code args} (with its error if busybox refuses them). */
  static Head parse(List<String> args) {
    long count = 10;
    boolean bytes = false;
    boolean exceptLast = false;
    int headers = 0;
    List<String> files = new ArrayList<>();
    int i = 0;
    if (!args.isEmpty() && args.get(0).length() > 1 && args.get(0).charAt(0) == '-'
        && Character.isDigit(args.get(0).charAt(1))) {
      Long n = number(args.get(0).substring(1));
      if (n == null) {
        return refused(invalidNumber(args.get(0).substring(1)));
      }
      count = n;
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
          case 'n', 'c' -> {
            String value;
            if (k + 1 < a.length()) {
              value = a.substring(k + 1);
            } else if (i + 1 < args.size()) {
              value = args.get(++i);
            } else {
              return refused(new Failure(1, "head: option requires an argument -- '" + c + "'"));
            }
            bytes = c == 'c';
            exceptLast = value.startsWith("-");
            String digits = exceptLast ? value.substring(1) : value;
            Long n = number(digits);
            if (n == null) {
              return refused(invalidNumber(digits));
            }
            count = n;
            k = a.length();
          }
          default -> {
            return refused(new Failure(1, "head: invalid option -- '" + c + "'"));
          }
        }
      }
    }
    boolean show = headers > 0 || (headers == 0 && files.size() > 1);
    return new Head(new TextFilter.Head(count, bytes, exceptLast), List.copyOf(files), show,
        null);
  }

  /**
   * xatoul_sfx() with head's and tail's suffix table (b 512, k 1024, m 1048576): decimal
   * digits and an optional suffix, within an unsigned long; null when it is not one.
   */
  static Long number(String s) {
    long mult = 1;
    String digits = s;
    if (!s.isEmpty()) {
      switch (s.charAt(s.length() - 1)) {
        case 'b' -> mult = 512;
        case 'k' -> mult = 1024;
        case 'm' -> mult = 1024 * 1024;
        default -> mult = 1;
      }
      if (mult > 1) {
        digits = s.substring(0, s.length() - 1);
      }
    }
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
      return null;
    }
    try {
      return Math.multiplyExact(Long.parseLong(digits), mult);
    } catch (ArithmeticException | NumberFormatException e) {
      // Beyond a 64-bit unsigned long: xatoul reports it as an invalid number too.
      return null;
    }
  }

  private static Failure invalidNumber(String s) {
    return new Failure(1, "head: invalid number '" + s + "'");
  }

  private static Head refused(Failure f) {
    return new Head(TextFilter.Head.DEFAULT, List.of(), false, f);
  }

  /** The command {@code head ARGS}: its error, or the files read one after the other. */
  ShellJob job() {
    if (error != null) {
      return error;
    }
    if (files.isEmpty()) {
      return new Failure(1, "head: reading standard input is not supported");
    }
    return new CatJob("head", files, filter, headers);
  }

  /** The header line before {@code name}'s text; {@code first}: no blank line before it. */
  static String header(String name, boolean first) {
    return (first ? "" : "\n") + "==> " + name + " <==\n";
  }
}

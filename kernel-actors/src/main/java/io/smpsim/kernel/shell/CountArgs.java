package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.core.ShellJob.Failure;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments busybox head and tail share (coreutils/head.c, tail.c): {@code -n [+|-]N},
 * {@code -c [+|-]N}, {@code -q}, {@code -v}, the legacy {@code -N} (and tail's {@code +N}), then
 * the files. A number is xatoul_sfx() with their suffix table (b 512, k 1024, m 1048576); a bad
 * one is {@code APPLET: invalid number 'X'}, an unknown option {@code APPLET: invalid option --
 * 'x'}, both exit 1.
 *
 * @param count the N given (10 by default)
 * @param bytes -c rather than -n
 * @param sign the sign written before N ('+', '-', or 0 for none)
 * @param headers whether each file gets its {@code ==> FILE <==} line
 * @param files the operands
 * @param error the refusal, or null
 */
record CountArgs(long count, boolean bytes, char sign, boolean headers, List<String> files,
    Failure error) {

  /**
   * Parses {@code args} for {@code applet}; {@code legacyPlus}: {@code +N} is accepted, as a
   * first argument and as an option's value (tail); {@code refused}: options that get
   * {@code refusal} instead.
   */
  static CountArgs parse(String applet, List<String> args, boolean legacyPlus, String refused,
      String refusal) {
    long count = 10;
    boolean bytes = false;
    char sign = 0;
    int headers = 0;
    List<String> files = new ArrayList<>();
    int i = 0;
    if (!args.isEmpty() && args.get(0).length() > 1
        && (args.get(0).charAt(0) == '-' || (legacyPlus && args.get(0).charAt(0) == '+'))
        && Character.isDigit(args.get(0).charAt(1))) {
      Long n = number(args.get(0).substring(1));
      if (n == null) {
        return refused(invalidNumber(applet, args.get(0).substring(1)));
      }
      count = n;
      sign = args.get(0).charAt(0) == '+' ? '+' : 0;
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
        if (refused.indexOf(c) >= 0) {
          return refused(new Failure(1, applet + ": -" + c + " " + refusal));
        }
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
              return refused(BusyboxUsage.refuse(applet, applet
                  + ": option requires an argument -- '" + c + "'"));
            }
            bytes = c == 'c';
            // head takes "-N" (all but the last N); only tail also takes "+N" (from N on).
            sign = value.startsWith("-") || (legacyPlus && value.startsWith("+"))
                ? value.charAt(0) : 0;
            String digits = sign != 0 ? value.substring(1) : value;
            Long n = number(digits);
            if (n == null) {
              return refused(invalidNumber(applet, digits));
            }
            count = n;
            k = a.length();
          }
          default -> {
            return refused(BusyboxUsage.invalidOption(applet, c));
          }
        }
      }
    }
    boolean show = headers > 0 || (headers == 0 && files.size() > 1);
    return new CountArgs(count, bytes, sign, show, List.copyOf(files), null);
  }

  /** xatoul_sfx(): decimal digits and an optional b/k/m suffix within an unsigned long, or null. */
  private static Long number(String s) {
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

  private static Failure invalidNumber(String applet, String s) {
    return new Failure(1, applet + ": invalid number '" + s + "'");
  }

  private static CountArgs refused(Failure f) {
    return new CountArgs(10, false, (char) 0, false, List.of(), f);
  }
}

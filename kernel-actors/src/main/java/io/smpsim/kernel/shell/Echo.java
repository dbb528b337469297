package io.smpsim.kernel.shell;

import java.util.List;

/**
 * busybox echo (coreutils/echo.c with FEATURE_FANCY_ECHO, ash's builtin): leading words made of
 * the letters n, e and E only are options (-n: no newline; -e: backslash escapes; -E: none, the
 * default), anything else ends them and is echoed; with -e, {@code \c} ends the output there.
 */
final class Echo {

  private Echo() {}

  /** What {@code echo ARGS} writes. */
  static String text(List<String> args) {
    boolean newline = true;
    boolean escapes = false;
    int from = 0;
    options:
    while (from < args.size() && args.get(from).startsWith("-")) {
      String a = args.get(from);
      for (int i = 1; i < a.length(); i++) {
        if ("neE".indexOf(a.charAt(i)) < 0) {
          break options;
        }
      }
      if (a.length() == 1) {
        break;
      }
      for (int i = 1; i < a.length(); i++) {
        switch (a.charAt(i)) {
          case 'n' -> newline = false;
          case 'e' -> escapes = true;
          default -> escapes = false;
        }
      }
      from++;
    }
    StringBuilder out = new StringBuilder();
    for (int w = from; w < args.size(); w++) {
      if (w > from) {
        out.append(' ');
      }
      String a = args.get(w);
      if (!escapes) {
        out.append(a);
        continue;
      }
      if (unescape(a, out)) {
        return out.toString();
      }
    }
    return newline ? out.append('\n').toString() : out.toString();
  }

  /**
   * Appends {@code s} with libbb's bb_process_escape_sequence() escapes (\a \b \e \f \n \r \t \v
   * \\, \0NNN octal, \xHH hex); true when a {@code \c} ended the output.
   */
  static boolean unescape(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'a' -> out.append('\007');
        case 'b' -> out.append('\b');
        case 'c' -> {
          return true;
        }
        case 'e' -> out.append('\033');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\013');
        case '\\' -> out.append('\\');
        case '0' -> i = number(s, i + 1, 8, 3, out) - 1;
        case 'x' -> {
          int end = number(s, i + 1, 16, 2, out);
          if (end == i + 1) {
            out.append("\\x");
          }
          i = end - 1;
        }
        default -> out.append('\\').append(e);
      }
    }
    return false;
  }

  /** Up to {@code max} digits in {@code radix} from {@code at} as one byte; the end index. */
  private static int number(String s, int at, int radix, int max, StringBuilder out) {
    int end = at;
    int v = 0;
    while (end < s.length() && end - at < max && Character.digit(s.charAt(end), radix) >= 0) {
      v = v * radix + Character.digit(s.charAt(end), radix);
      end++;
    }
    if (radix == 8 || end > at) {
      out.append((char) (v & 0xFF));
    }
    return end;
  }
}

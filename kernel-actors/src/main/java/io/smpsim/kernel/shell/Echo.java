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
      if (Escapes.echo(a, out)) {
        return out.toString();
      }
    }
    return newline ? out.append('\n').toString() : out.toString();
  }
}

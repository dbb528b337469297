package io.smpsim.kernel.shell;

/**
 * busybox's backslash escapes (libbb/process_escape_sequence.c), as printf's format, printf's
 * {@code %b} and {@code echo -e} take them.
 */
final class Escapes {

  private Escapes() {}

  /**
   * bb_process_escape_sequence() at {@code i} (after the backslash): {@code \NNN} octal (up to 3
   * digits, at most 255), {@code \xHH}, a letter of {@code abefnrtv\}; anything else is the
   * backslash itself. Returns where the text goes on.
   */
  static int process(String s, int i, StringBuilder out) {
    int base = 8;
    int digits = 0;
    int q = i;
    int n = 0;
    if (q < s.length() && s.charAt(q) == 'x') {
      base = 16;
      q++;
    }
    while (q < s.length() && digits < (base == 16 ? 2 : 3)) {
      int d = Character.digit(s.charAt(q), base);
      if (d < 0 || n * base + d > 255) {
        break;
      }
      n = n * base + d;
      q++;
      digits++;
    }
    if (digits > 0) {
      out.append((char) n);
      return q;
    }
    if (base == 16) {
      // \x without a hex digit: the backslash, then the x as text.
      out.append('\\');
      return i;
    }
    int k = i < s.length() ? "abefnrtv\\".indexOf(s.charAt(i)) : -1;
    if (k < 0) {
      out.append('\\');
      return i;
    }
    out.append("\007\b\033\f\n\r\t\013\\".charAt(k));
    return i + 1;
  }

  /**
   * echo -e's and printf %b's escapes (print_esc_string()): as bb_process_escape_sequence()'s,
   * and {@code \0NNN} with its leading zero; {@code \c} ends the output. Returns whether it
   * did.
   */
  static boolean echo(String s, StringBuilder out) {
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (i < s.length() && s.charAt(i) == 'c') {
        return true;
      }
      if (i + 1 < s.length() && s.charAt(i) == '0' && Character.digit(s.charAt(i + 1), 8) >= 0) {
        i++;
      }
      i = process(s, i, out);
    }
    return false;
  }
}

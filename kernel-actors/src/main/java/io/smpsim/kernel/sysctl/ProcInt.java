package io.smpsim.kernel.sysctl;

/**
 * The write side of {@code proc_dointvec} / {@code proc_dointvec_minmax} for a one-integer
 * table entry (kernel/sysctl.c {@code __do_proc_dointvec}, {@code proc_get_long}): leading
 * blanks are skipped, the number may be negative and written in decimal, octal or hex
 * ({@code strtoul} base 0), it must be followed by a blank or the end, it must fit an int, and
 * anything after the first number is ignored. An empty write is EINVAL.
 */
public final class ProcInt {

  /** TMPBUFLEN - 1: the longest number proc_get_long copies. */
  private static final int MAX_DIGITS = 21;

  private ProcInt() {}

  /** The value written, or null for EINVAL. */
  public static Integer parse(String text) {
    int i = 0;
    int n = text.length();
    while (i < n && isSpace(text.charAt(i))) {
      i++;
    }
    if (i == n) {
      return null;
    }
    boolean neg = false;
    if (text.charAt(i) == '-' && n - i > 1) {
      neg = true;
      i++;
    }
    if (!Character.isDigit(text.charAt(i))) {
      return null;
    }
    int start = i;
    int base = 10;
    if (text.charAt(i) == '0' && i + 1 < n && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')
        && i + 2 < n && Character.digit(text.charAt(i + 2), 16) >= 0) {
      base = 16;
      i += 2;
    } else if (text.charAt(i) == '0') {
      base = 8;
    }
    int digitsFrom = i;
    while (i < n && Character.digit(text.charAt(i), base) >= 0) {
      i++;
    }
    if (i - start > MAX_DIGITS) {
      return null;
    }
    if (i < n && !(text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\n')) {
      return null;
    }
    String digits = text.substring(digitsFrom, i);
    long v;
    try {
      v = digits.isEmpty() ? 0 : Long.parseUnsignedLong(digits, base);
    } catch (NumberFormatException e) {
      return null;
    }
    if (neg) {
      if (Long.compareUnsigned(v, (long) Integer.MAX_VALUE + 1) > 0) {
        return null;
      }
      return (int) -v;
    }
    if (Long.compareUnsigned(v, Integer.MAX_VALUE) > 0) {
      return null;
    }
    return (int) v;
  }

  /** proc_dointvec_minmax: the value if it parses and lies in [min, max], else null. */
  public static Integer parse(String text, int min, int max) {
    Integer v = parse(text);
    return v == null || v < min || v > max ? null : v;
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
  }
}

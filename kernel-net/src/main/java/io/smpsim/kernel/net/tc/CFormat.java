package io.smpsim.kernel.net.tc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The bits of the C library iproute2's output and parsing depend on: {@code printf("%g")},
 * {@code strtod()} and {@code strtoul()} prefix parsing, and C's double-to-integer conversions
 * as x86-64 performs them.
 */
public final class CFormat {

  private CFormat() {}

  /** printf("%.{precision}g", v). */
  public static String g(double v, int precision) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    int p = precision == 0 ? 1 : precision;
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(v).round(new MathContext(p, RoundingMode.HALF_EVEN));
    int x = bd.precision() - bd.scale() - 1;
    String s;
    if (x < -4 || x >= p) {
      BigDecimal mant = bd.movePointLeft(x);
      String m = stripZeros(mant.setScale(p - 1, RoundingMode.HALF_EVEN).toPlainString());
      String exp = Integer.toString(Math.abs(x));
      if (exp.length() < 2) {
        exp = "0" + exp;
      }
      s = m + "e" + (x < 0 ? "-" : "+") + exp;
    } else {
      s = stripZeros(bd.setScale(Math.max(p - 1 - x, 0), RoundingMode.HALF_EVEN).toPlainString());
    }
    return s;
  }

  /** printf("%g", v). */
  public static String g(double v) {
    return g(v, 6);
  }

  private static String stripZeros(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }

  /** The result of a strtod/strtoul prefix parse: the value and where parsing stopped. */
  public record Parsed(double value, int end) {}

  /**
   * strtod(): the longest prefix of {@code s} that is a decimal (or hex) floating number, with
   * leading blanks; {@code end == 0} when there is none.
   */
  public static Parsed strtod(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    int start = i;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    String rest = s.substring(i).toLowerCase();
    if (rest.startsWith("inf")) {
      int len = rest.startsWith("infinity") ? 8 : 3;
      double v = s.charAt(start) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      return new Parsed(v, i + len);
    }
    if (rest.startsWith("nan")) {
      return new Parsed(Double.NaN, i + 3);
    }
    if (rest.startsWith("0x")) {
      int j = i + 2;
      long mant = 0;
      boolean any = false;
      while (j < n && Character.digit(s.charAt(j), 16) >= 0) {
        mant = mant * 16 + Character.digit(s.charAt(j), 16);
        j++;
        any = true;
      }
      if (!any) {
        return new Parsed(0, i + 1);
      }
      double v = mant;
      return new Parsed(s.charAt(start) == '-' ? -v : v, j);
    }
    int digitsStart = i;
    boolean any = false;
    while (i < n && Character.isDigit(s.charAt(i))) {
      i++;
      any = true;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        any = true;
      }
    }
    if (!any) {
      return new Parsed(0, 0);
    }
    int mantEnd = i;
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        j++;
      }
      int k = j;
      while (k < n && Character.isDigit(s.charAt(k))) {
        k++;
      }
      if (k > j) {
        mantEnd = k;
      }
    }
    String num = s.substring(start, mantEnd);
    if (num.endsWith(".") || num.startsWith(".") || num.startsWith("-.") || num.startsWith("+.")) {
      num = num.replace("+.", "0.").replace("-.", "-0.");
      if (num.startsWith(".")) {
        num = "0" + num;
      }
    }
    if (digitsStart == mantEnd) {
      return new Parsed(0, 0);
    }
    return new Parsed(Double.parseDouble(num), mantEnd);
  }

  /**
   * strtoul()/strtol() in {@code base} (0: auto 0x/0 prefixes): the value and the end index, or
   * end 0 when no digit was read. Overflow saturates at 2^64-1 (returned as -1).
   */
  public static long[] strtoul(String s, int base) {
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    boolean neg = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    int b = base;
    if ((b == 0 || b == 16) && i + 1 < n && s.charAt(i) == '0'
        && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
        && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
      i += 2;
      b = 16;
    } else if (b == 0) {
      b = (i < n && s.charAt(i) == '0') ? 8 : 10;
    }
    int start = i;
    long v = 0;
    boolean overflow = false;
    while (i < n && Character.digit(s.charAt(i), b) >= 0) {
      int d = Character.digit(s.charAt(i), b);
      if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, b)) > 0) {
        overflow = true;
      }
      v = v * b + d;
      i++;
    }
    if (i == start) {
      return new long[] {0, 0, 0};
    }
    if (overflow) {
      v = -1;
    } else if (neg) {
      v = -v;
    }
    return new long[] {v, i, overflow ? 1 : 0};
  }

  /** C's (unsigned long long) conversion of a double on x86-64. */
  public static long toU64(double d) {
    if (Double.isNaN(d)) {
      return Long.MIN_VALUE;
    }
    if (d < 0x1p63) {
      if (d <= -0x1p63) {
        return Long.MIN_VALUE;
      }
      return (long) d;
    }
    if (d >= 0x1p64) {
      return 0;
    }
    return ((long) (d - 0x1p63)) ^ Long.MIN_VALUE;
  }

  /** C's (unsigned int) conversion of a double as gcc emits it on x86-64 (via a 64-bit cvt). */
  public static long toU32(double d) {
    long l;
    if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
      l = Long.MIN_VALUE;
    } else {
      l = (long) d;
    }
    return l & 0xFFFFFFFFL;
  }
}

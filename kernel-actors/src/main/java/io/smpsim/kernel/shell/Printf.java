package io.smpsim.kernel.shell;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * busybox ash's printf builtin (coreutils/printf.c, as Debian 12's 1.35 runs it): FORMAT's
 * backslash escapes ({@code \n}, {@code \NNN}, {@code \xHH}, {@code \c} stops) and its
 * directives {@code %d %i %o %u %x %X %f %e %E %g %G %c %s} with C's flags, width and
 * precision ({@code *} takes them from the arguments), the size modifiers {@code h l L z}
 * dropped, and {@code %b} (an argument with echo's escapes); the format is used again while
 * arguments remain. A missing argument is empty, which no number conversion takes; an argument
 * that is not a number says {@code sh: invalid number 'x'} and counts as 0, and the status is
 * then 1; any other directive stops printf with {@code sh: %q\n: invalid format}. The messages
 * are the shell's ({@code sh:}), printf being its builtin.
 *
 * @param text what printf writes
 * @param error what it says on stderr (empty when nothing went wrong)
 * @param exit its exit status
 */
record Printf(String text, String error, int exit) {

  /** The widest field (width or precision) smpsim builds: 1 MiB of output. */
  static final int MAX_FIELD = 1 << 20;

  /** strtod()'s decimal forms, after leading blanks (hexadecimal ones are not taken). */
  private static final Pattern DOUBLE = Pattern.compile(
      "\\s*[+-]?((\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|(?i:inf(inity)?|nan))");

  /** printf FORMAT ARGS (the words after {@code printf}). */
  static Printf of(List<String> words) {
    List<String> w = !words.isEmpty() && words.get(0).equals("--") ? words.subList(1,
        words.size()) : words;
    if (w.isEmpty()) {
      return new Printf("", "sh: usage: printf FORMAT [ARGUMENT...]\n", 2);
    }
    return of(w.get(0), w.subList(1, w.size()));
  }

  /** printf FORMAT ARGS. */
  static Printf of(String format, List<String> args) {
    Run r = new Run(format, args);
    int next = 0;
    do {
      int before = next;
      next = r.once(next);
      if (next <= before) {
        break;
      }
    } while (next < args.size());
    return new Printf(r.out.toString(), r.err.toString(), r.failed ? 1 : 0);
  }

  /** One printf's output and errors as the format is worked through. */
  private static final class Run {
    private final String f;
    private final List<String> args;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private boolean failed;

    Run(String f, List<String> args) {
      this.f = f;
      this.args = args;
    }

    /**
     * One pass of the format from argument {@code next}: the next unused argument, or -1 when
     * printf is over ({@code \c}, an invalid directive).
     */
    int once(int next) {
      int i = 0;
      while (i < f.length()) {
        char c = f.charAt(i);
        if (c == '\\') {
          if (i + 1 < f.length() && f.charAt(i + 1) == 'c') {
            return -1;
          }
          i = Escapes.process(f, i + 1, out);
          continue;
        }
        if (c != '%') {
          out.append(c);
          i++;
          continue;
        }
        int start = i++;
        if (i < f.length() && f.charAt(i) == '%') {
          out.append('%');
          i++;
          continue;
        }
        if (i < f.length() && f.charAt(i) == 'b') {
          i++;
          if (next < args.size() && Escapes.echo(args.get(next++), out)) {
            return -1;
          }
          continue;
        }
        StringBuilder flags = new StringBuilder();
        while (i < f.length() && "-+ #0".indexOf(f.charAt(i)) >= 0) {
          flags.append(f.charAt(i++));
        }
        int width = 0;
        if (i < f.length() && f.charAt(i) == '*') {
          i++;
          if (next < args.size()) {
            width = widthOrPrecision(args.get(next++));
          }
          if (width < 0) {
            flags.append('-');
            width = -width;
          }
        } else {
          int from = i;
          while (i < f.length() && Character.isDigit(f.charAt(i))) {
            i++;
          }
          width = from == i ? 0 : Integer.parseInt(f.substring(from, Math.min(i, from + 9)));
        }
        int precision = -1;
        if (i < f.length() && f.charAt(i) == '.') {
          i++;
          if (i < f.length() && f.charAt(i) == '*') {
            i++;
            precision = next < args.size() ? widthOrPrecision(args.get(next++)) : 0;
            precision = precision < 0 ? -1 : precision;
          } else {
            int from = i;
            while (i < f.length() && Character.isDigit(f.charAt(i))) {
              i++;
            }
            precision = from == i ? 0 : Integer.parseInt(f.substring(from,
                Math.min(i, from + 9)));
          }
        }
        int modifiers = i;
        while (i < f.length() && "lLhz".indexOf(f.charAt(i)) >= 0) {
          i++;
        }
        char conv = i < f.length() ? f.charAt(i) : 0;
        if (conv == 0 || "diouxXfeEgGcs".indexOf(conv) < 0) {
          // The message shows the rest of the format, its size modifiers removed.
          err.append("sh: ").append(f, start, modifiers).append(f.substring(i))
              .append(": invalid format\n");
          failed = true;
          return -1;
        }
        i++;
        if (width > MAX_FIELD || precision > MAX_FIELD) {
          // busybox would write that many bytes; smpsim's console keeps a command's output in
          // memory, so a field this wide is refused rather than built.
          err.append("sh: printf: a field of ").append(Math.max(width, precision))
              .append(" characters is wider than smpsim prints (").append(MAX_FIELD)
              .append(")\n");
          failed = true;
          return -1;
        }
        String arg = next < args.size() ? args.get(next++) : "";
        Spec spec = new Spec(flags.toString(), width, precision);
        switch (conv) {
          case 's' -> out.append(spec.text(arg));
          case 'c' -> out.append(spec.text(arg.isEmpty() ? "" : arg.substring(0, 1)));
          case 'd', 'i' -> out.append(spec.integer(integer(arg, false), conv));
          case 'o', 'u', 'x', 'X' -> out.append(spec.integer(integer(arg, true), conv));
          default -> out.append(spec.floating(floating(arg), conv));
        }
      }
      return next;
    }

    /** get_width_prec(): a decimal int; another word is said and counts as 0. */
    private int widthOrPrecision(String s) {
      if (s.matches("-?\\d{1,9}")) {
        return Integer.parseInt(s);
      }
      err.append("sh: invalid number '").append(s).append("'\n");
      return 0;
    }

    /**
     * multiconvert() with bb_strtoll()/bb_strtoull(): leading blanks, a sign, 0x or 0 for hex or
     * octal; a leading quote gives the next character's code. The unsigned conversions take a
     * negative number as its two's complement.
     */
    private long integer(String arg, boolean unsigned) {
      String a = arg.isEmpty() || (arg.charAt(0) != '\'' && arg.charAt(0) != '"') ? arg
          : Integer.toString(arg.length() > 1 ? arg.charAt(1) & 0xff : 0);
      String s = a.stripLeading();
      if (s.startsWith("+")) {
        s = s.substring(1);
      }
      boolean negative = s.startsWith("-");
      String digits = negative ? s.substring(1) : s;
      int radix = 10;
      if (digits.length() > 1 && (digits.startsWith("0x") || digits.startsWith("0X"))) {
        radix = 16;
        digits = digits.substring(2);
      } else if (digits.length() > 1 && digits.startsWith("0")) {
        radix = 8;
        digits = digits.substring(1);
      }
      try {
        if (digits.isEmpty() || !Character.isLetterOrDigit(digits.charAt(0))) {
          throw new NumberFormatException();
        }
        java.math.BigInteger v = new java.math.BigInteger(digits, radix);
        if (negative) {
          v = v.negate();
        }
        boolean fits = unsigned && !negative ? v.bitLength() <= 64 : v.bitLength() <= 63;
        if (!fits) {
          throw new NumberFormatException();
        }
        return v.longValue();
      } catch (NumberFormatException e) {
        err.append("sh: invalid number '").append(a).append("'\n");
        failed = true;
        return 0;
      }
    }

    /**
     * conv_strtod(): strtod() of the whole word (an empty one is 0: strtod() stops at its end);
     * out of range still gives its value.
     */
    private double floating(String arg) {
      if (arg.isEmpty()) {
        return 0;
      }
      String a = arg.isEmpty() || (arg.charAt(0) != '\'' && arg.charAt(0) != '"') ? arg
          : Integer.toString(arg.length() > 1 ? arg.charAt(1) & 0xff : 0);
      if (!DOUBLE.matcher(a).matches()) {
        err.append("sh: invalid number '").append(a).append("'\n");
        failed = true;
        return 0;
      }
      String s = a.strip().toLowerCase(Locale.ROOT);
      boolean negative = s.startsWith("-");
      String body = s.replaceFirst("^[+-]", "");
      if (body.startsWith("inf")) {
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      if (body.equals("nan")) {
        return Double.NaN;
      }
      BigDecimal exact = new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
      // BigDecimal has no negative zero; strtod("-0") has.
      double v = exact.signum() == 0 && negative ? -0.0 : exact.doubleValue();
      if (Double.isInfinite(v) || (v == 0 && exact.signum() != 0)) {
        // ERANGE: said, and the value strtod() gave is printed.
        err.append("sh: invalid number '").append(a).append("'\n");
        failed = true;
      }
      return v;
    }
  }

  /**
   * A directive's flags ({@code -+ #0}), width and precision (-1: none), applied as C's printf
   * applies them.
   */
  private record Spec(String flags, int width, int precision) {

    /** %s %c: at most {@code precision} characters, padded to the width. */
    String text(String s) {
      return pad(precision >= 0 && s.length() > precision ? s.substring(0, precision) : s, "",
          false);
    }

    /** %d %o %u %x %X: digits to the precision, the sign or prefix, padded to the width. */
    String integer(long v, char conv) {
      String digits = switch (conv) {
        case 'o' -> Long.toOctalString(v);
        case 'x' -> Long.toHexString(v);
        case 'X' -> Long.toHexString(v).toUpperCase(Locale.ROOT);
        case 'u' -> Long.toUnsignedString(v);
        default -> v == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(Math.abs(v));
      };
      if (precision == 0 && v == 0) {
        digits = "";
      }
      while (digits.length() < precision) {
        digits = "0" + digits;
      }
      String prefix = "";
      if (conv == 'd' || conv == 'i') {
        prefix = sign(v < 0);
      } else if (flags.indexOf('#') >= 0 && v != 0) {
        prefix = conv == 'o' ? (digits.startsWith("0") ? "" : "0") : conv == 'x' ? "0x"
            : conv == 'X' ? "0X" : "";
      }
      return pad(digits, prefix, precision < 0);
    }

    /** %f %e %E %g %G, rounded from the double's exact value as glibc rounds it. */
    String floating(double v, char conv) {
      boolean upper = Character.isUpperCase(conv);
      boolean negative = v < 0 || (v == 0 && 1 / v < 0);
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        String s = Double.isNaN(v) ? "nan" : "inf";
        return pad(upper ? s.toUpperCase(Locale.ROOT) : s, sign(negative && !Double.isNaN(v)),
            false);
      }
      BigDecimal x = new BigDecimal(Math.abs(v));
      int p = precision < 0 ? 6 : precision;
      boolean alt = flags.indexOf('#') >= 0;
      String body = switch (Character.toLowerCase(conv)) {
        case 'f' -> fixed(x, p, alt);
        case 'e' -> exponent(x, p, alt);
        default -> general(x, p == 0 ? 1 : p, alt);
      };
      return pad(upper ? body.toUpperCase(Locale.ROOT) : body, sign(negative), true);
    }

    private static String fixed(BigDecimal x, int p, boolean alt) {
      String s = x.setScale(p, RoundingMode.HALF_EVEN).toPlainString();
      return p == 0 && alt ? s + "." : s;
    }

    private static String exponent(BigDecimal x, int p, boolean alt) {
      String digits;
      int e;
      if (x.signum() == 0) {
        digits = "0".repeat(p + 1);
        e = 0;
      } else {
        BigDecimal r = x.round(new MathContext(p + 1, RoundingMode.HALF_EVEN));
        digits = r.unscaledValue().toString();
        e = digits.length() - 1 - r.scale();
        digits = (digits + "0".repeat(p + 1)).substring(0, p + 1);
      }
      String mantissa = digits.charAt(0) + (p > 0 || alt ? "." : "") + digits.substring(1);
      return mantissa + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
    }

    /** %g: %e or %f by the exponent, trailing zeros dropped unless #. */
    private static String general(BigDecimal x, int p, boolean alt) {
      int e = 0;
      if (x.signum() != 0) {
        BigDecimal r = x.round(new MathContext(p, RoundingMode.HALF_EVEN));
        e = r.precision() - 1 - r.scale();
      }
      String s = p > e && e >= -4 ? fixed(x, p - 1 - e, alt) : exponent(x, p - 1, alt);
      if (alt) {
        return s;
      }
      int ex = s.indexOf('e');
      String mant = ex < 0 ? s : s.substring(0, ex);
      if (mant.indexOf('.') >= 0) {
        mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      return mant + (ex < 0 ? "" : s.substring(ex));
    }

    private String sign(boolean negative) {
      return negative ? "-" : flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
    }

    /** {@code body} after {@code prefix}, to the width: left with -, zeros with 0 if allowed. */
    private String pad(String body, String prefix, boolean zerosAllowed) {
      int fill = width - prefix.length() - body.length();
      if (fill <= 0) {
        return prefix + body;
      }
      if (flags.indexOf('-') >= 0) {
        return prefix + body + " ".repeat(fill);
      }
      if (zerosAllowed && flags.indexOf('0') >= 0) {
        return prefix + "0".repeat(fill) + body;
      }
      return " ".repeat(fill) + prefix + body;
    }
  }
}

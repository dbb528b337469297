package io.smpsim.kernel.shell;

import java.util.List;

/**
 * busybox printf (coreutils/printf.c): FORMAT's backslash escapes and conversions ({@code %s %b
 * %c %d %i %o %u %x %X %%} with flags, width and precision), the format used again while
 * arguments remain; a missing argument is empty or 0; an argument that is not a number prints
 * {@code printf: invalid number 'x'} and counts as 0, and the status is then 1.
 *
 * @param text what printf writes
 * @param error what it says on stderr (empty when nothing went wrong)
 */
record Printf(String text, String error) {

  /** printf FORMAT ARGS. */
  static Printf of(String format, List<String> args) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    int next = 0;
    do {
      int before = next;
      next = once(format, args, next, out, err);
      if (next == before) {
        break;
      }
    } while (next < args.size());
    return new Printf(out.toString(), err.toString());
  }

  /** One pass of the format from argument {@code next}; the next unused argument. */
  private static int once(String f, List<String> args, int next, StringBuilder out,
      StringBuilder err) {
    int i = 0;
    while (i < f.length()) {
      char c = f.charAt(i);
      if (c == '\\') {
        int end = escapeEnd(f, i);
        if (Echo.unescape(f.substring(i, end), out)) {
          return args.size();
        }
        i = end;
        continue;
      }
      if (c != '%' || i + 1 == f.length()) {
        out.append(c);
        i++;
        continue;
      }
      if (f.charAt(i + 1) == '%') {
        out.append('%');
        i += 2;
        continue;
      }
      int start = i;
      i++;
      while (i < f.length() && "-+ #0".indexOf(f.charAt(i)) >= 0) {
        i++;
      }
      while (i < f.length() && (Character.isDigit(f.charAt(i)) || f.charAt(i) == '.')) {
        i++;
      }
      if (i == f.length()) {
        out.append(f, start, i);
        break;
      }
      char conv = f.charAt(i++);
      Spec spec = Spec.of(f.substring(start + 1, i - 1));
      String arg = next < args.size() ? args.get(next++) : null;
      switch (conv) {
        case 's' -> out.append(spec.text(arg == null ? "" : arg));
        case 'b' -> {
          StringBuilder b = new StringBuilder();
          boolean stop = arg != null && Echo.unescape(arg, b);
          out.append(spec.text(b.toString()));
          if (stop) {
            return args.size();
          }
        }
        case 'c' -> out.append(spec.text(arg == null || arg.isEmpty() ? ""
            : arg.substring(0, 1)));
        case 'd', 'i', 'o', 'u', 'x', 'X' -> out.append(spec.integer(number(arg, err), conv));
        default -> {
          err.append("printf: %").append(conv).append(": invalid format\n");
          return args.size();
        }
      }
    }
    return next;
  }

  /**
   * A conversion's flags ({@code -+ #0}), width and precision (-1: none), applied as C's printf
   * applies them.
   */
  private record Spec(String flags, int width, int precision) {

    static Spec of(String s) {
      int i = 0;
      while (i < s.length() && "-+ #0".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      String flags = s.substring(0, i);
      int dot = s.indexOf('.', i);
      String w = s.substring(i, dot < 0 ? s.length() : dot);
      String p = dot < 0 ? null : s.substring(dot + 1);
      return new Spec(flags, w.isEmpty() ? 0 : Integer.parseInt(w),
          p == null ? -1 : p.isEmpty() ? 0 : Integer.parseInt(p));
    }

    /** %s: at most {@code precision} characters, padded to the width. */
    String text(String s) {
      return pad(precision >= 0 && s.length() > precision ? s.substring(0, precision) : s, "",
          false);
    }

    /** %d %o %u %x %X: digits to the precision, the sign or prefix, padded to the width. */
    String integer(long v, char conv) {
      String digits = switch (conv) {
        case 'o' -> Long.toOctalString(v);
        case 'x' -> Long.toHexString(v);
        case 'X' -> Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
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
        prefix = v < 0 ? "-" : flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
      } else if (flags.indexOf('#') >= 0 && v != 0) {
        prefix = conv == 'o' ? (digits.startsWith("0") ? "" : "0") : conv == 'x' ? "0x"
            : conv == 'X' ? "0X" : "";
      }
      return pad(digits, prefix, precision < 0);
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

  /** Where the escape at {@code i} ends (\0NNN and \xHH take their digits along). */
  private static int escapeEnd(String f, int i) {
    if (i + 1 >= f.length()) {
      return i + 1;
    }
    char e = f.charAt(i + 1);
    int max = e == '0' ? 3 : e == 'x' ? 2 : 0;
    int radix = e == 'x' ? 16 : 8;
    int end = i + 2;
    while (end < f.length() && end - (i + 2) < max
        && Character.digit(f.charAt(end), radix) >= 0) {
      end++;
    }
    return end;
  }

  /** The argument as a number: empty or missing is 0, a quote takes its character's code. */
  private static long number(String arg, StringBuilder err) {
    if (arg == null || arg.isEmpty()) {
      return 0;
    }
    if (arg.charAt(0) == '\'' || arg.charAt(0) == '"') {
      return arg.length() > 1 ? arg.charAt(1) : 0;
    }
    try {
      return Long.decode(arg.startsWith("+") ? arg.substring(1) : arg);
    } catch (NumberFormatException e) {
      err.append("printf: invalid number '").append(arg).append("'\n");
      return 0;
    }
  }
}

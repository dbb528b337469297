package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.Options;
import io.smpsim.kernel.core.ShellJob.Failure;
import io.smpsim.kernel.core.TextFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * busybox sort (coreutils/sort.c, FEATURE_SORT_BIG): {@code sort [-nrugsbdfi] [-t C]
 * [-k F[.C][OPTS][,F[.C][OPTS]]]... [FILE]...}, with its rules: keys as get_key() cuts them
 * (without -t a field starts with the blanks before it), a key with options of its own ignores
 * the global ones, lines whose keys compare equal are ordered as whole lines (not under -s), -r
 * reverses the last comparison made, -u keeps the first of lines with equal keys. The options
 * busybox ignores (-m, -S, -T) are ignored; those smpsim does not run (-c, -h, -M, -V, -z, -o)
 * are refused by name. Errors exit 2, as sort's do.
 *
 * @param global the global option flags
 * @param separator -t's character, or 0 for blank-separated fields
 * @param keys the keys, in order (none: the whole line)
 */
record Sort(int global, char separator, List<Key> keys) implements TextFilter {

  static final int N = 1;
  static final int G = 1 << 1;
  static final int R = 1 << 2;
  static final int U = 1 << 3;
  static final int S = 1 << 4;
  /** -b: leading blanks of a key. */
  static final int B = 1 << 5;
  /** b after a key's comma, or the global -b: trailing blanks. */
  static final int BB = 1 << 6;
  static final int D = 1 << 7;
  static final int F = 1 << 8;
  static final int I = 1 << 9;
  /** -u's pass: equal keys are equal lines. */
  static final int NO_TIE_BREAK = 1 << 10;

  /** The flags of the option letters, in sort.c's OPT_STR order where they matter. */
  private static final String LETTERS = "ngrusbdfi";
  private static final int[] FLAGS = {N, G, R, U, S, B, D, F, I};
  /** The options a key may carry. */
  private static final int FOR_KEYS = N | G | B | R | D | F | I;

  /**
   * A key: fields {@code f1} to {@code f2} (0: the end of the line), characters {@code c1} and
   * {@code c2} within them (0: none given), and its own flags (0: the global ones).
   */
  record Key(int f1, int c1, int f2, int c2, int flags) {}

  private static TextCommand die(String message) {
    return TextCommand.refused("sort", new Failure(2, "sort: " + message));
  }

  /** Parses sort's arguments (getopt32 "nghMVucszbrdfimS:T:o:k:*t:"). */
  static TextCommand parse(List<String> args) {
    Options o = Options.parse("sort", args, "nghMVucszbrdfimS:T:o:k:t:", 2);
    if (o.failure() != null) {
      return TextCommand.refused("sort", o.failure());
    }
    int flags = 0;
    for (Options.Given g : o.given()) {
      int l = LETTERS.indexOf(g.letter());
      if (l >= 0) {
        flags |= FLAGS[l];
      } else if ("hMVcz".indexOf(g.letter()) >= 0) {
        return die("-" + g.letter() + " is not supported by smpsim's sort (it runs -"
            + LETTERS + " -k -t)");
      } else if (g.letter() == 'o') {
        return die("-o is not supported by smpsim's sort: it writes to its standard output");
      }
    }
    char sep = 0;
    String t = o.value('t');
    if (t != null) {
      if (t.length() != 1) {
        return die("bad -t parameter");
      }
      sep = t.charAt(0);
    }
    List<String> keySpecs = o.values('k');
    List<String> files = o.operands();
    List<Key> keys = new ArrayList<>();
    for (String spec : keySpecs) {
      Object k = key(spec);
      if (k instanceof String message) {
        return die(message);
      }
      keys.add((Key) k);
    }
    if ((flags & B) != 0) {
      flags |= BB;
    }
    return new TextCommand("sort", new Sort(flags, sep, List.copyOf(keys)),
        List.copyOf(files), null);
  }

  /** -k POS1[,POS2]: the key, or the message sort dies with. */
  private static Object key(String spec) {
    int[] range = new int[4];
    int flags = 0;
    int at = 0;
    int part = 0;
    while (at < spec.length()) {
      int[] n = str2u(spec, at);
      if (n == null) {
        return "bad field specification";
      }
      range[2 * part] = n[0];
      at = n[1];
      if (at < spec.length() && spec.charAt(at) == '.') {
        n = str2u(spec, at + 1);
        if (n == null) {
          return "bad field specification";
        }
        range[2 * part + 1] = n[0];
        at = n[1];
      }
      while (at < spec.length()) {
        char c = spec.charAt(at);
        if (c == ',' && part == 0) {
          part = 1;
          at++;
          break;
        }
        int l = LETTERS.indexOf(c);
        if (l < 0 && "hMVmucszo".indexOf(c) < 0) {
          return "unknown key option";
        }
        int flag = l < 0 ? 0 : FLAGS[l];
        if ((flag & FOR_KEYS) == 0) {
          return "unknown sort type";
        }
        flags |= part == 1 && flag == B ? BB : flag;
        at++;
      }
    }
    return new Key(range[0], range[1], range[2], range[3], flags);
  }

  /** str2u(): a positive decimal at {@code at}, and where it ends; null if none. */
  private static int[] str2u(String s, int at) {
    int end = at;
    while (end < s.length() && Character.isDigit(s.charAt(end))) {
      end++;
    }
    if (end == at || end - at > 9 || Integer.parseInt(s.substring(at, end)) == 0) {
      return null;
    }
    return new int[] {Integer.parseInt(s.substring(at, end)), end};
  }

  @Override
  public String apply(String text) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    // A stable sort: lines that compare equal under -s keep their order.
    lines.sort(comparator(global));
    if ((global & U) != 0 && !lines.isEmpty()) {
      Comparator<String> same = comparator((global | NO_TIE_BREAK) & ~S);
      List<String> kept = new ArrayList<>();
      kept.add(lines.get(0));
      for (int i = 1; i < lines.size(); i++) {
        if (same.compare(kept.get(kept.size() - 1), lines.get(i)) != 0) {
          kept.add(lines.get(i));
        }
      }
      lines = kept;
    }
    StringBuilder out = new StringBuilder();
    for (String l : lines) {
      out.append(l).append('\n');
    }
    return out.toString();
  }

  /** compare_keys() under the global flags {@code options}. */
  private Comparator<String> comparator(int options) {
    List<Key> ks = keys.isEmpty() ? List.of(new Key(1, 0, 0, 0, 0)) : keys;
    return (x, y) -> {
      int retval = 0;
      int flags = options;
      for (Key k : ks) {
        flags = k.flags() != 0 ? k.flags() : options;
        retval = compareKeys(key(x, k, flags), key(y, k, flags), flags);
        if (retval != 0) {
          break;
        }
      }
      if (retval == 0) {
        if ((options & S) != 0) {
          return 0;
        }
        if ((options & NO_TIE_BREAK) == 0) {
          flags = options;
          retval = Integer.signum(x.compareTo(y));
        }
      }
      return (flags & R) != 0 ? -retval : retval;
    };
  }

  private static int compareKeys(String x, String y, int flags) {
    if ((flags & G) != 0) {
      Double dx = strtod(x);
      Double dy = strtod(y);
      if (dx == null || dy == null) {
        return dx == null ? (dy == null ? 0 : -1) : 1;
      }
      if (dx.isNaN() || dy.isNaN()) {
        return dx.isNaN() ? (dy.isNaN() ? 0 : -1) : 1;
      }
      return Double.compare(dx, dy) == 0 ? 0 : dx < dy ? -1 : 1;
    }
    if ((flags & N) != 0) {
      Double dx = strtod(x);
      Double dy = strtod(y);
      double a = dx == null || dx.isNaN() ? 0 : dx;
      double b = dy == null || dy.isNaN() ? 0 : dy;
      return a > b ? 1 : a < b ? -1 : 0;
    }
    return Integer.signum(x.compareTo(y));
  }

  /** strtod()'s forms, after leading blanks. */
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
      "^\\s*([+-]?((\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|(?i:inf(inity)?|nan)))");

  /** strtod()'s value of the number at the start of {@code s} (after blanks), or null. */
  private static Double strtod(String s) {
    var m = NUMBER.matcher(s);
    if (!m.find()) {
      return null;
    }
    String n = m.group(1).toLowerCase(Locale.ROOT);
    if (n.contains("inf")) {
      return n.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return n.contains("nan") ? Double.NaN : Double.parseDouble(n);
  }

  /** get_key(): the part of {@code str} key {@code k} compares, as {@code flags} shape it. */
  private String key(String str, Key k, int flags) {
    if (k.f1() == 1 && k.c1() == 0 && k.f2() == 0 && k.c2() == 0
        && (flags & (B | D | F | I | BB)) == 0) {
      return str;
    }
    int len = str.length();
    int start = 0;
    int end = 0;
    for (int j = 0; j < 2; j++) {
      int field = j == 0 ? k.f1() : k.f2();
      if (field == 0) {
        end = len;
      } else {
        end = 0;
        char ch = 0;
        for (int i = 1; i < field + j; i++) {
          if (separator != 0) {
            // The field's body and the separator after it; ch is 0 at the end of the line.
            while (true) {
              ch = end < len ? str.charAt(end) : 0;
              if (ch == 0) {
                break;
              }
              end++;
              if (ch == separator) {
                break;
              }
            }
          } else {
            while (end < len && Character.isWhitespace(str.charAt(end))) {
              end++;
            }
            while (end < len && !Character.isWhitespace(str.charAt(end))) {
              end++;
            }
          }
        }
        if (j == 1 && ch != 0) {
          end--;
        }
      }
      if (j == 0) {
        start = end;
      }
    }
    if ((flags & B) != 0) {
      while (start < len && Character.isWhitespace(str.charAt(start))) {
        start++;
      }
    }
    if ((flags & BB) != 0) {
      while (end > start && Character.isWhitespace(str.charAt(end - 1))) {
        end--;
      }
    }
    if (k.c2() != 0) {
      end = Math.min(k.c2(), len);
    }
    if (k.c1() != 0) {
      start = Math.min(start + k.c1() - 1, len);
    }
    if (end < start) {
      end = start;
    }
    String s = str.substring(start, end);
    if ((flags & D) != 0) {
      s = s.replaceAll("[^\\p{Alnum}\\s]", "");
    }
    if ((flags & I) != 0) {
      s = s.replaceAll("[^\\x20-\\x7e]", "");
    }
    if ((flags & F) != 0) {
      s = s.toUpperCase(Locale.ROOT);
    }
    return s;
  }
}

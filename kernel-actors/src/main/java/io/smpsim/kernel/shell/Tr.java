package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.core.Options;
import io.smpsim.kernel.core.ShellJob.Failure;
import io.smpsim.kernel.core.TextFilter;
import java.util.List;

/**
 * busybox tr (coreutils/tr.c) in a pipeline: {@code tr [-cds] STRING1 [STRING2]} translates
 * its standard input byte by byte. The strings expand as tr.c's expand() does: escapes
 * ({@code \n}, {@code \NNN}, ...), ranges ({@code a-z}), classes ({@code [:digit:]} and the
 * others tr.c knows) and {@code [=c=]}; STRING2 is padded with its last character (map());
 * -c complements STRING1, -d deletes its characters, -s squeezes a run of one output character
 * that STRING1 or STRING2 holds into one.
 *
 * @param map each input byte's output byte
 * @param in STRING1's bytes
 * @param out STRING2's bytes
 * @param delete -d
 * @param squeeze -s
 */
record Tr(char[] map, boolean[] in, boolean[] out, boolean delete, boolean squeeze)
    implements TextFilter {

  private static final int ASCII = 256;

  /** Parses tr's arguments (getopt32 "+Ccds", one or two operands). */
  static TextCommand parse(List<String> args) {
    Options o = Options.parse("tr", args, "+Ccds", 1);
    if (o.failure() != null) {
      return TextCommand.refused("tr", o.failure());
    }
    boolean c = o.has('c') || o.has('C');
    boolean d = o.has('d');
    boolean s = o.has('s');
    List<String> sets = o.operands();
    if (sets.isEmpty() || sets.size() > 2) {
      return TextCommand.refused("tr", new Failure(1, BusyboxUsage.of("tr")));
    }
    StringBuilder s1 = new StringBuilder();
    if (!expand(sets.get(0), s1)) {
      return TextCommand.refused("tr", new Failure(1, BusyboxUsage.of("tr")));
    }
    String one = c ? complement(s1.toString()) : s1.toString();
    char[] map = new char[ASCII];
    for (int k = 0; k < ASCII; k++) {
      map[k] = (char) k;
    }
    String two = "";
    if (sets.size() == 2) {
      if (sets.get(1).isEmpty()) {
        return TextCommand.refused("tr", new Failure(1, "tr: STRING2 cannot be empty"));
      }
      StringBuilder s2 = new StringBuilder();
      if (!expand(sets.get(1), s2)) {
        return TextCommand.refused("tr", new Failure(1, BusyboxUsage.of("tr")));
      }
      two = s2.toString();
      char last = '0';
      for (int k = 0, j = 0; k < one.length(); k++) {
        if (j < two.length()) {
          last = two.charAt(j++);
        }
        map[one.charAt(k) & 0xff] = last;
      }
    }
    boolean[] in = new boolean[ASCII];
    boolean[] out = new boolean[ASCII];
    one.chars().forEach(ch -> in[ch & 0xff] = true);
    two.chars().forEach(ch -> out[ch & 0xff] = true);
    return new TextCommand("tr", new Tr(map, in, out, d, s), List.of(), null);
  }

  /** expand(): the bytes {@code arg} stands for; false where tr.c shows the usage. */
  private static boolean expand(String arg, StringBuilder buf) {
    int i = 0;
    while (i < arg.length()) {
      char c = arg.charAt(i);
      if (c == '\\') {
        StringBuilder e = new StringBuilder();
        int next = Escapes.process(arg, i + 1, e);
        // The escaped byte stands where the escape ended, and may start a range.
        arg = arg.substring(0, next - 1) + e + arg.substring(next);
        i = next - 1;
        c = arg.charAt(i);
      }
      if (i + 1 < arg.length() && arg.charAt(i + 1) == '-') {
        if (i + 2 >= arg.length()) {
          buf.append(c);
          i++;
          continue;
        }
        char end = arg.charAt(i + 2);
        int after = i + 3;
        if (end == '\\') {
          StringBuilder e = new StringBuilder();
          after = Escapes.process(arg, i + 3, e);
          end = e.charAt(0);
        }
        for (int k = c; k <= end; k++) {
          buf.append((char) k);
        }
        i = after;
        continue;
      }
      if (c == '[' && i + 1 < arg.length()) {
        char kind = arg.charAt(i + 1);
        if (kind == ':') {
          int close = arg.indexOf(":]", i + 2);
          String name = close < 0 ? "" : arg.substring(i + 2, close);
          String members = classMembers(name);
          if (members != null) {
            buf.append(members);
            i = close + 2;
            continue;
          }
        } else if (kind == '=') {
          if (i + 4 >= arg.length() || arg.charAt(i + 3) != '='
              || arg.charAt(i + 4) != ']') {
            return false;
          }
          buf.append(arg.charAt(i + 2));
          i += 5;
          continue;
        }
      }
      buf.append(c);
      i++;
    }
    return true;
  }

  /** The bytes of a [:class:] in tr.c's order, or null for a name it does not know. */
  private static String classMembers(String name) {
    StringBuilder b = new StringBuilder();
    switch (name) {
      case "alnum", "digit", "xdigit" -> range(b, '0', '9');
      default -> { }
    }
    switch (name) {
      case "alpha", "alnum", "upper" -> range(b, 'A', 'Z');
      default -> { }
    }
    switch (name) {
      case "alpha", "alnum", "lower" -> range(b, 'a', 'z');
      default -> { }
    }
    switch (name) {
      case "space" -> b.append("\t\n\013\f\r ");
      case "blank" -> b.append("\t ");
      case "punct" -> {
        for (char c = 0; c < 128; c++) {
          if (c > 32 && c < 127 && !Character.isLetterOrDigit(c)) {
            b.append(c);
          }
        }
      }
      case "cntrl" -> {
        for (char c = 0; c < 128; c++) {
          if (c < 32 || c == 127) {
            b.append(c);
          }
        }
      }
      case "xdigit" -> b.append("AaBbCcDdEeFf");
      case "alpha", "alnum", "digit", "lower", "upper" -> { }
      default -> {
        return null;
      }
    }
    return b.toString();
  }

  private static void range(StringBuilder b, char from, char to) {
    for (char c = from; c <= to; c++) {
      b.append(c);
    }
  }

  /** complement(): every byte STRING1 lacks, in order. */
  private static String complement(String s) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < ASCII; c++) {
      if (s.indexOf(c) < 0) {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  @Override
  public String apply(String text) {
    StringBuilder b = new StringBuilder();
    int last = -1;
    for (int i = 0; i < text.length(); i++) {
      int c = text.charAt(i) & 0xff;
      if (delete && in[c]) {
        continue;
      }
      char coded = map[c];
      if (squeeze && last == coded && (in[c] || out[coded & 0xff])) {
        continue;
      }
      b.append(coded);
      last = coded;
    }
    return b.toString();
  }
}

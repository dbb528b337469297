package io.smpsim.kernel.core;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What a reading command does with a file's text: print it, grep it, or cut or count it. */
public interface TextFilter {

  /** A filter that says which file it reads (wc's counts carry the file's name). */
  interface PerFile {
    /** The filter for the file {@code path}. */
    TextFilter forFile(String path);
  }

  /** Prints the text unchanged (cat). */
  TextFilter IDENTITY = new Identity();

  String apply(String text);

  /** The exit status for this result (grep fails when nothing matched). */
  default int exit(String result) {
    return 0;
  }

  /** cat. */
  record Identity() implements TextFilter {
    @Override
    public String apply(String text) {
      return text;
    }
  }

  /**
   * busybox cat's options (coreutils/cat.c): -n numbers every line ({@code "%6d\t"}), -b only
   * those that are not empty; -v shows control characters as {@code ^X} (and DEL as {@code ^?}),
   * -t also tabs as {@code ^I}, -e also ends of lines as {@code $} (-A: both). Numbering runs on
   * across the files, as the text here is theirs one after the other.
   */
  record Cat(boolean number, boolean nonBlank, boolean tabs, boolean ends, boolean visible)
      implements TextFilter {
    @Override
    public String apply(String text) {
      if (!number && !nonBlank && !visible) {
        return text;
      }
      StringBuilder out = new StringBuilder();
      int n = 0;
      int from = 0;
      while (from < text.length()) {
        int nl = text.indexOf('\n', from);
        boolean last = nl < 0;
        String line = text.substring(from, last ? text.length() : nl);
        if (nonBlank ? !line.isEmpty() : number) {
          out.append(String.format("%6d\t", ++n));
        }
        out.append(visible ? shown(line) : line);
        // Numbered lines are read whole and printed with their newline (busybox adds one to a
        // last line that had none); otherwise the text goes out as it is.
        if (!last || number || nonBlank) {
          out.append(ends && !last ? "$" : "").append('\n');
        }
        from = last ? text.length() : nl + 1;
      }
      return out.toString();
    }

    private String shown(String line) {
      StringBuilder b = new StringBuilder();
      for (char c : line.toCharArray()) {
        if (c == '\t' && !tabs) {
          b.append(c);
        } else if (c < 32) {
          b.append('^').append((char) (c + 64));
        } else if (c == 127) {
          b.append("^?");
        } else {
          b.append(c);
        }
      }
      return b.toString();
    }
  }

  /**
   * busybox grep's selection (findutils/grep.c) over a text: lines matching {@code pattern}
   * (extended regular expressions; -F a fixed string), -i ignoring case, -w only where the match
   * is a whole word, -x only where it is the whole line, -v the lines that do not; printed, with
   * -n their line numbers ({@code "N:line"}), or with -c counted. grep fails (1) when it selects
   * nothing.
   */
  record Grep(String pattern, boolean invert, boolean count, boolean ignoreCase, boolean word,
      boolean wholeLine, boolean number, boolean fixed) implements TextFilter {

    /** The pattern as Java compiles it (a pattern regcomp() would refuse is taken literally). */
    public Pattern compiled() {
      String p = fixed ? Pattern.quote(pattern) : pattern;
      int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
      try {
        return Pattern.compile(word ? "(?<![\\w])(?:" + p + ")(?![\\w])" : p, flags);
      } catch (PatternSyntaxException e) {
        return Pattern.compile(Pattern.quote(pattern), flags);
      }
    }

    @Override
    public String apply(String text) {
      Pattern p = compiled();
      StringBuilder out = new StringBuilder();
      int n = 0;
      if (!text.isEmpty()) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        int lineNo = 0;
        for (String line : body.split("\n", -1)) {
          lineNo++;
          var m = p.matcher(line);
          if ((wholeLine ? m.matches() : m.find()) != invert) {
            n++;
            if (number) {
              out.append(lineNo).append(':');
            }
            out.append(line).append('\n');
          }
        }
      }
      return count ? n + "\n" : out.toString();
    }

    @Override
    public int exit(String result) {
      return result.isEmpty() || result.equals("0\n") ? 1 : 0;
    }
  }

  /**
   * head: the first {@code count} lines (or bytes), or with {@code exceptLast} all but the last
   * {@code count} (busybox coreutils/head.c, {@code -n -N}).
   */
  record Head(long count, boolean bytes, boolean exceptLast) implements TextFilter {

    /** head's default: the first 10 lines. */
    public static final Head DEFAULT = new Head(10, false, false);

    @Override
    public String apply(String text) {
      if (bytes) {
        long keep = exceptLast ? Math.max(0, text.length() - count) : Math.min(count, text.length());
        return text.substring(0, (int) keep);
      }
      // The end of each of the first `count` lines (head.c counts '\n' characters).
      int lines = 0;
      int end = 0;
      while (end < text.length()) {
        int nl = text.indexOf('\n', end);
        end = nl < 0 ? text.length() : nl + 1;
        lines++;
      }
      long keepLines = exceptLast ? Math.max(0, lines - count) : count;
      int cut = 0;
      for (long i = 0; i < keepLines && cut < text.length(); i++) {
        int nl = text.indexOf('\n', cut);
        cut = nl < 0 ? text.length() : nl + 1;
      }
      return text.substring(0, cut);
    }
  }

  /**
   * tail: the last {@code count} lines (or bytes), or with {@code fromStart} everything from
   * line (byte) {@code count} on (busybox coreutils/tail.c, {@code -n +N}).
   */
  record Tail(long count, boolean bytes, boolean fromStart) implements TextFilter {

    /** tail's default: the last 10 lines. */
    public static final Tail DEFAULT = new Tail(10, false, false);

    @Override
    public String apply(String text) {
      if (bytes) {
        long from = fromStart ? Math.max(0, count - 1) : Math.max(0, text.length() - count);
        return from >= text.length() ? "" : text.substring((int) from);
      }
      // Line starts; a last line without '\n' is a line too.
      java.util.List<Integer> starts = new java.util.ArrayList<>();
      for (int i = 0; i < text.length(); i = text.indexOf('\n', i) < 0 ? text.length()
          : text.indexOf('\n', i) + 1) {
        starts.add(i);
      }
      int lines = starts.size();
      long first = fromStart ? Math.max(0, count - 1) : Math.max(0, lines - count);
      return first >= lines ? "" : text.substring(starts.get((int) first));
    }
  }

  /**
   * wc (busybox coreutils/wc.c): lines, words, bytes and the longest line's width, the chosen
   * ones in that order, each {@code " %9u"} but the first, which has no leading space; with
   * exactly one count and at most one file, the count alone ({@code "%u"}). Words are runs of
   * printable non-space characters (other control characters neither make nor end one); the
   * width counts tab stops of 8.
   *
   * @param lines -l
   * @param words -w
   * @param chars -c
   * @param longest -L
   * @param name the file's name after the counts, or null for standard input
   */
  record Wc(boolean lines, boolean words, boolean chars, boolean longest, String name,
      boolean padded) implements TextFilter, PerFile {

    /** The counts of one of several files: named, and in padded columns. */
    @Override
    public TextFilter forFile(String path) {
      return new Wc(lines, words, chars, longest, path, padded);
    }

    @Override
    public String apply(String text) {
      long nl = 0;
      long nw = 0;
      long max = 0;
      long pos = 0;
      boolean inWord = false;
      for (int i = 0; i <= text.length(); i++) {
        int c = i < text.length() ? text.charAt(i) : -1;
        if (c >= 0x20 && c <= 0x7e) {
          pos++;
          if (c != ' ') {
            inWord = true;
            continue;
          }
        } else if (c == -1 || (c >= 9 && c <= 13)) {
          if (c == '\t') {
            pos = (pos | 7) + 1;
          } else {
            max = Math.max(max, pos);
            if (c == '\n') {
              nl++;
            }
            if (c != 0x0b) {
              pos = 0;
            }
          }
        } else {
          continue;
        }
        if (inWord) {
          nw++;
        }
        inWord = false;
      }
      long[] counts = {nl, nw, text.length(), max};
      boolean[] shown = {lines, words, chars, longest};
      int n = 0;
      for (boolean b : shown) {
        n += b ? 1 : 0;
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < counts.length; i++) {
        if (shown[i]) {
          out.append(String.format(out.length() == 0 ? (n == 1 && !padded ? "%d" : "%9d")
              : " %9d", counts[i]));
        }
      }
      return out.append(name == null ? "\n" : " " + name + "\n").toString();
    }
  }
}

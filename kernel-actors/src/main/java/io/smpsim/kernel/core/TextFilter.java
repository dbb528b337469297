package io.smpsim.kernel.core;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What a reading command does with a file's text: print it, or grep it. */
public sealed interface TextFilter {

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

  /** grep PATTERN, or grep -c PATTERN (basic regular expressions: ^ $ . * [] work alike). */
  record Grep(String pattern, boolean count) implements TextFilter {
    @Override
    public String apply(String text) {
      Pattern p;
      try {
        p = Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        p = Pattern.compile(Pattern.quote(pattern));
      }
      StringBuilder out = new StringBuilder();
      int n = 0;
      String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
      for (String line : body.split("\n", -1)) {
        if (p.matcher(line).find()) {
          n++;
          out.append(line).append('\n');
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
}

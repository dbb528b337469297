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
}

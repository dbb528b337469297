package io.smpsim.kernel.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as a POSIX shell does for the simple commands smpsim
 * accepts: blanks separate words, single and double quotes group, a backslash escapes, and
 * {@code >} / {@code >>} and the pipe {@code |} are operators even without surrounding blanks.
 */
public final class ShellWords {

  private ShellWords() {}

  /** The words of {@code line}; throws IllegalArgumentException for an unterminated quote. */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '\'' || c == '"') {
        int end = line.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated quoted string");
        }
        w.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '\\' && i + 1 < line.length()) {
        w.append(line.charAt(i + 1));
        inWord = true;
        i += 2;
      } else if (c == '>') {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
        boolean append = i + 1 < line.length() && line.charAt(i + 1) == '>';
        words.add(append ? ">>" : ">");
        i += append ? 2 : 1;
      } else if (c == '|') {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
        words.add("|");
        i++;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
        i++;
      } else {
        w.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(w.toString());
    }
    return words;
  }

  /**
   * The first shell operator in {@code line} outside quotes that smpsim's shell does not run
   * (command lists {@code ;} {@code &&} {@code ||}, background {@code &}, input redirection
   * {@code <}, command substitution {@code `} and {@code $(}), or null when there is none: such
   * a line is refused rather than passed on as words (busybox ash would run it differently).
   */
  public static String unsupportedOperator(String line) {
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '\'' || c == '"') {
        int end = line.indexOf(c, i + 1);
        if (end < 0) {
          return null;
        }
        i = end + 1;
        continue;
      }
      if (c == '\\') {
        i += 2;
        continue;
      }
      String two = i + 1 < line.length() ? line.substring(i, i + 2) : "";
      if (two.equals("&&") || two.equals("||") || two.equals("$(")) {
        return two;
      }
      if (c == ';' || c == '&' || c == '<' || c == '`') {
        return String.valueOf(c);
      }
      i++;
    }
    return null;
  }
}

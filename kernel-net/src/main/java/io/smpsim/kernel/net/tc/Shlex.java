package io.smpsim.kernel.net.tc;

import java.util.ArrayList;
import java.util.List;

/** POSIX shell word splitting as Python's {@code shlex.split}: quotes and backslashes. */
public final class Shlex {

  private Shlex() {}

  /** The words of {@code line}; throws IllegalArgumentException on an unclosed quote. */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == '\'') {
        int j = line.indexOf('\'', i + 1);
        if (j < 0) {
          throw new IllegalArgumentException("No closing quotation");
        }
        cur.append(line, i + 1, j);
        inWord = true;
        i = j + 1;
      } else if (c == '"') {
        i++;
        inWord = true;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("No closing quotation");
          }
          char d = line.charAt(i);
          if (d == '"') {
            i++;
            break;
          }
          if (d == '\\' && i + 1 < n && "\\\"$`\n".indexOf(line.charAt(i + 1)) >= 0) {
            cur.append(line.charAt(i + 1));
            i += 2;
            continue;
          }
          cur.append(d);
          i++;
        }
      } else if (c == '\\') {
        if (i + 1 >= n) {
          throw new IllegalArgumentException("No escaped character");
        }
        if (line.charAt(i + 1) != '\n') {
          cur.append(line.charAt(i + 1));
          inWord = true;
        }
        i += 2;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '#' && !inWord) {
        break;
      } else {
        cur.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(cur.toString());
    }
    return words;
  }
}

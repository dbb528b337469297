package io.smpsim.kernel.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as a POSIX shell does for the simple commands smpsim
 * accepts: blanks separate words, single and double quotes group, a backslash escapes, and
 * {@code >} / {@code >>} and the pipe {@code |} are operators even without surrounding blanks.
 */
public final class ShellWords {

  /**
   * The pipe operator among the words. Operators are marked with a NUL byte, which no typed word
   * can hold (the split refuses it), so a quoted or escaped {@code '|'} stays a plain word.
   */
  public static final String PIPE = "\0|";
  /** The output redirection {@code >} among the words. */
  public static final String REDIRECT = "\0>";
  /** The appending redirection {@code >>} among the words. */
  public static final String APPEND = "\0>>";

  private ShellWords() {}

  /**
   * The words of {@code line}, operators as {@link #PIPE}, {@link #REDIRECT}, {@link #APPEND};
   * throws IllegalArgumentException for an unterminated quote or a NUL byte.
   */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    if (line.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a NUL byte in the command line");
    }
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '\'') {
        int end = line.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated quoted string");
        }
        w.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i = doubleQuoted(line, i + 1, w);
        inWord = true;
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
        words.add(append ? APPEND : REDIRECT);
        i += append ? 2 : 1;
      } else if (c == '|') {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
        words.add(PIPE);
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
   * Appends the double-quoted text from {@code from} to its closing quote: a backslash there
   * quotes only {@code $ ` " \} and a newline (POSIX 2.2.3) and is kept before anything else.
   *
   * @return the index after the closing quote
   */
  private static int doubleQuoted(String line, int from, StringBuilder w) {
    int i = from;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < line.length() && "$`\"\\\n".indexOf(line.charAt(i + 1)) >= 0) {
        w.append(line.charAt(i + 1));
        i += 2;
        continue;
      }
      w.append(c);
      i++;
    }
    throw new IllegalArgumentException("unterminated quoted string");
  }

  /** {@code words} as one line again, operators written as typed. */
  static String text(List<String> words) {
    StringBuilder b = new StringBuilder();
    for (String w : words) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(w.startsWith("\0") ? w.substring(1) : w);
    }
    return b.toString();
  }

  /**
   * The first shell operator in one command of {@code line} (lists are split first, see
   * {@link #list}) outside quotes that smpsim's shell does not run (background {@code &}, input
   * redirection {@code <}), or the first expansion it does not make, outside single quotes (command
   * substitution {@code `} and {@code $(}, a parameter such as {@code $HOME} or
   * {@code ${x}}; {@code $?} and {@code $!} are expanded, see {@link #expand}), or null when there is
   * none: such a line is refused rather than passed on as words (busybox ash would run it
   * differently). A {@code $} that starts no expansion (before a blank, at the end) is text.
   */
  public static String unsupportedOperator(String line) {
    Scan scan = new Scan(line);
    while (scan.i < line.length()) {
      if (scan.skipQuoting()) {
        continue;
      }
      int i = scan.i;
      boolean dquoted = scan.dquoted;
      char c = line.charAt(i);
      String two = i + 1 < line.length() ? line.substring(i, i + 2) : "";
      if (two.equals("$(") || c == '`') {
        return two.equals("$(") ? two : "`";
      }
      if (c == '$' && i + 1 < line.length() && startsParameter(line.charAt(i + 1))
          && !two.equals("$?") && !two.equals("$!") && !line.startsWith("${!}", i)) {
        return parameter(line, i);
      }
      if (!dquoted && (c == '&' || c == '<')) {
        return String.valueOf(c);
      }
      scan.i++;
    }
    return null;
  }

  /**
   * A command list split at its operators outside quotes ({@code ;}, {@code &&}, {@code ||}):
   * the commands and the operators between them, alternating (one command: no list). A trailing
   * {@code ;} ends the list; throws IllegalArgumentException with ash's syntax error for an
   * operator without a command before it ({@code unexpected ";"}) or a list that ends in
   * {@code &&} or {@code ||} ({@code unexpected end of file}).
   */
  public static List<String> list(String line) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    Scan scan = new Scan(line);
    while (scan.i < line.length()) {
      if (scan.skipQuoting()) {
        continue;
      }
      int i = scan.i;
      char c = line.charAt(i);
      String two = i + 1 < line.length() ? line.substring(i, i + 2) : "";
      String op = scan.dquoted ? null
          : two.equals("&&") || two.equals("||") || two.equals(";;") ? two
          : c == ';' ? ";" : null;
      if (op == null) {
        scan.i++;
        continue;
      }
      String cmd = line.substring(start, i).strip();
      if (cmd.isEmpty() || op.equals(";;")) {
        throw new IllegalArgumentException("unexpected \"" + op + "\"");
      }
      parts.add(cmd);
      parts.add(op);
      scan.i += op.length();
      start = scan.i;
    }
    String last = line.substring(start).strip();
    if (last.isEmpty() && !parts.isEmpty()) {
      if (!parts.get(parts.size() - 1).equals(";")) {
        throw new IllegalArgumentException("unexpected end of file");
      }
      parts.remove(parts.size() - 1);
    } else {
      parts.add(last);
    }
    return parts;
  }

  /** Whether {@code $} followed by {@code c} is a parameter expansion in ash. */
  private static boolean startsParameter(char c) {
    return Character.isLetterOrDigit(c) || "_{?#@*!$-".indexOf(c) >= 0;
  }

  /** The parameter expansion at {@code at} ({@code $NAME}, {@code ${...}}, {@code $1}). */
  private static String parameter(String line, int at) {
    int end = at + 2;
    if (line.charAt(at + 1) == '{') {
      int close = line.indexOf('}', at);
      end = close < 0 ? line.length() : close + 1;
    } else if (Character.isLetter(line.charAt(at + 1)) || line.charAt(at + 1) == '_') {
      while (end < line.length()
          && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
        end++;
      }
    }
    return line.substring(at, end);
  }

  /**
   * {@code line} with {@code $?} (and {@code ${?}}) outside single quotes replaced by
   * {@code status}, the exit status of the shell's last command, and {@code $!} (and
   * {@code ${!}}) by {@code lastBackground}, the pid of its last background job ("" before
   * any), as ash expands them.
   */
  public static String expand(String line, int status, String lastBackground) {
    return substitute(line, java.util.Map.of("?", String.valueOf(status), "!", lastBackground));
  }

  /**
   * {@code line} with the parameters {@code values} names replaced, as {@code $NAME} or
   * {@code ${NAME}}, outside single quotes and escapes; a name is the longest run of
   * identifier characters after the {@code $} ({@code $ix} is not {@code $i}), or one special
   * character ({@code ?}, {@code !}). Other parameters are left as they are.
   */
  static String substitute(String line, java.util.Map<String, String> values) {
    if (line.indexOf('$') < 0) {
      return line;
    }
    StringBuilder b = new StringBuilder(line.length());
    Scan scan = new Scan(line);
    while (scan.i < line.length()) {
      int at = scan.i;
      if (scan.skipQuoting()) {
        b.append(line, at, scan.i);
        continue;
      }
      if (line.charAt(at) == '$' && at + 1 < line.length()) {
        boolean braced = line.charAt(at + 1) == '{';
        int from = at + (braced ? 2 : 1);
        int end = from;
        while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end))
            || line.charAt(end) == '_')) {
          end++;
        }
        if (end == from && from < line.length() && "?!".indexOf(line.charAt(from)) >= 0) {
          end++;
        }
        String name = line.substring(from, end);
        boolean closed = !braced || (end < line.length() && line.charAt(end) == '}');
        if (closed && values.containsKey(name)) {
          b.append(values.get(name));
          scan.i = end + (braced ? 1 : 0);
          continue;
        }
      }
      b.append(line.charAt(at));
      scan.i++;
    }
    return b.toString();
  }



  /**
   * A walk along a line that steps over its quoting: a backslash and the character it escapes,
   * single-quoted text (outside double quotes; unterminated, to the end), and double quotes,
   * whose state it keeps.
   */
  private static final class Scan {
    private final String line;
    private int i;
    private boolean dquoted;

    Scan(String line) {
      this.line = line;
    }

    /** Steps over the quoting at the current character; whether there was any. */
    boolean skipQuoting() {
      char c = line.charAt(i);
      if (c == '\\') {
        i += 2;
        return true;
      }
      if (c == '"') {
        dquoted = !dquoted;
        i++;
        return true;
      }
      if (c == '\'' && !dquoted) {
        int end = line.indexOf(c, i + 1);
        i = end < 0 ? line.length() : end + 1;
        return true;
      }
      return false;
    }
  }
}

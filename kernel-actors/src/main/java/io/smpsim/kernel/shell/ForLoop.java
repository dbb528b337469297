package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.ShellJob;
import java.util.ArrayList;
import java.util.List;

/**
 * ash's {@code for NAME in WORDS; do LIST; done} on one line, as a command list: the body once
 * for each word, {@code $NAME} and {@code ${NAME}} (outside single quotes) replaced by it, the
 * loop's status the last body command's (0 when there is no word); commands after
 * {@code done} ({@code ; echo after}) follow. The only variable smpsim's shell has is the loop's.
 * ash's syntax errors for a malformed loop refuse the line.
 */
final class ForLoop {

  private ForLoop() {}

  /** Whether {@code line} is a for loop. */
  static boolean is(String line) {
    String t = line.strip();
    return t.startsWith("for ") || t.equals("for");
  }

  /** The loop's job: its iterations and what follows it, as one list; or ash's refusal. */
  static ShellJob parse(String line, int status, String lastBackground) {
    List<String> parts;
    try {
      parts = ShellWords.list(line);
    } catch (IllegalArgumentException e) {
      return new ShellJob.Failure(2, "sh: syntax error: " + e.getMessage());
    }
    List<String> head = ShellWords.split(ShellWords.expand(parts.get(0), status,
        lastBackground));
    if (head.size() < 2 || !head.get(1).matches("[A-Za-z_][A-Za-z0-9_]*")) {
      return syntax("bad for loop variable");
    }
    String name = head.get(1);
    List<String> words = head.size() > 2 && head.get(2).equals("in")
        ? head.subList(3, head.size()) : null;
    if (words == null) {
      return new ShellJob.Failure(2, "sh: smpsim's for loops need 'in WORDS' (there are no"
          + " positional parameters)");
    }
    if (words.contains("do") || words.contains("done")) {
      return syntax("unexpected \"done\" (expecting \"do\")");
    }
    if (parts.size() >= 3 && parts.get(2).equals("do")) {
      return syntax("unexpected \";\"");
    }
    if (parts.size() < 3 || !parts.get(2).startsWith("do ")) {
      return syntax(parts.size() < 3 ? "unexpected end of file (expecting \"do\")"
          : "unexpected word (expecting \"do\")");
    }
    int done = -1;
    for (int i = 2; i < parts.size(); i += 2) {
      if (parts.get(i).equals("done")) {
        done = i;
        break;
      }
    }
    if (done < 0) {
      return syntax("unexpected end of file (expecting \"done\")");
    }
    List<String> body = new ArrayList<>(parts.subList(2, done - 1));
    body.set(0, body.get(0).substring(3).strip());
    List<String> list = new ArrayList<>();
    for (String w : words) {
      if (!list.isEmpty()) {
        list.add(";");
      }
      for (String b : body) {
        list.add(b.equals(";") || b.equals("&&") || b.equals("||") ? b
            : ShellWords.substitute(b, java.util.Map.of(name, w)));
      }
    }
    if (list.isEmpty()) {
      // No word: the loop's status is 0.
      list.add("true");
    }
    list.addAll(parts.subList(done + 1, parts.size()));
    return new ListJob(list, status);
  }

  private static ShellJob syntax(String message) {
    return new ShellJob.Failure(2, "sh: syntax error: " + message);
  }
}

package io.smpsim.app.run;

import io.smpsim.kernel.core.KernelTables;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion at the shell's prompt: the first word from the session's own commands, the
 * machine shell's builtins and every command a kernel subsystem registered; a second word from
 * the verbs registered for the first ({@code inject resume-busywait}) or, after {@code on}, the
 * scenario's machines; a word starting with {@code /} one path component at a time from the
 * files registered at exact paths (as bash completes a directory, then what is in it).
 */
final class ShellCompleter implements Completer {

  /** Commands the session itself runs. */
  static final List<String> SESSION = List.of("advance", "on", "help", "exit");
  /** The machine shell's builtins (io.smpsim.kernel.shell.Commands). */
  static final List<String> BUILTINS = List.of("cat", "echo", "grep", "printf", "true", "false");

  private final KernelTables tables;
  private final Supplier<List<String>> machines;

  ShellCompleter(KernelTables tables, Supplier<List<String>> machines) {
    this.tables = tables;
    this.machines = machines;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    String word = line.word().substring(0, line.wordCursor());
    if (word.startsWith("/")) {
      paths(word, candidates);
      return;
    }
    if (line.wordIndex() == 0) {
      Set<String> names = new TreeSet<>(SESSION);
      names.addAll(BUILTINS);
      for (String c : tables.commandNames()) {
        names.add(c.split(" ", 2)[0]);
      }
      names.forEach(n -> candidates.add(new Candidate(n)));
    } else if (line.wordIndex() == 1) {
      String first = line.words().get(0);
      if (first.equals("on")) {
        machines.get().forEach(m -> candidates.add(new Candidate(m)));
      }
      for (String c : tables.commandNames()) {
        if (c.startsWith(first + " ")) {
          candidates.add(new Candidate(c.substring(first.length() + 1)));
        }
      }
    }
  }

  /** The next path component after {@code prefix}: a file, or a directory to go on into. */
  private void paths(String prefix, List<Candidate> candidates) {
    Set<String> dirs = new TreeSet<>();
    int from = prefix.lastIndexOf('/') + 1;
    for (String p : tables.exactPaths()) {
      if (!p.startsWith(prefix)) {
        continue;
      }
      int slash = p.indexOf('/', prefix.length());
      if (slash < 0) {
        candidates.add(new Candidate(p, p.substring(from), null, null, null, null, true));
      } else {
        dirs.add(p.substring(0, slash + 1));
      }
    }
    for (String d : dirs) {
      candidates.add(new Candidate(d, d.substring(from), null, null, null, null, false));
    }
  }
}

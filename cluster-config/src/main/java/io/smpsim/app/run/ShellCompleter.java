package io.smpsim.app.run;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.KernelTables;
import io.smpsim.kernel.core.Listing;
import io.smpsim.kernel.shell.Commands;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
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
 * scenario's machines; a word starting with {@code /} one path component at a time, offering
 * what {@code ls} shows in that directory on the machine (as bash completes a directory, then
 * what is in it).
 */
final class ShellCompleter implements Completer {

  /** Commands the session itself runs. */
  static final List<String> SESSION = List.of("advance", "on", "help", "exit");
  /** The machine shell's builtins. */
  static final List<String> BUILTINS = Commands.BUILTINS;

  private final KernelTables tables;
  private final Supplier<List<String>> machines;
  private final Supplier<MachineConfig> config;

  /**
   * @param machines the scenario's machine names
   * @param config the machine commands go to now (its CPUs and devices decide what is listed)
   */
  ShellCompleter(KernelTables tables, Supplier<List<String>> machines,
      Supplier<MachineConfig> config) {
    this.tables = tables;
    this.machines = machines;
    this.config = config;
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
        if (!c.startsWith("@")) {
          names.add(c.split(" ", 2)[0]);
        }
      }
      names.forEach(n -> candidates.add(new Candidate(n)));
    } else if (line.words().get(0).equals("tc") || line.words().get(0).equals("ip")) {
      NetCommandWords.next(line.words().subList(0, line.wordIndex()), devices())
          .forEach(w -> candidates.add(new Candidate(w)));
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

  /** The network devices of the machine commands go to that its configuration names. */
  private List<String> devices() {
    List<String> names = new java.util.ArrayList<>(List.of("lo"));
    config.get().nics().forEach(n -> names.add(n.name()));
    return names;
  }

  /**
   * The next path component after {@code prefix}: the entries of the directory it is in, as
   * {@code ls} shows them on the machine commands go to (the listings subsystems register,
   * such as cpuN, /proc/irq or /proc/sys/kernel), and the files and directories registered at
   * fixed paths there (for directories no subsystem lists, such as /proc); a file ends the
   * word, a directory goes on with a slash.
   */
  private void paths(String prefix, List<Candidate> candidates) {
    int from = prefix.lastIndexOf('/') + 1;
    String dir = prefix.substring(0, from);
    String partial = prefix.substring(from);
    Map<String, Boolean> entries = new TreeMap<>();
    String listed = dir.length() > 1 ? dir.substring(0, dir.length() - 1) : dir;
    SortedMap<String, Listing.Entry> ls = tables.listing(listed, config.get());
    if (ls != null) {
      ls.values().forEach(e -> entries.put(e.name(), e.type() == 'd'));
    }
    tables.namedChildren(listed).forEach((name, isDir) ->
        entries.merge(name, isDir, Boolean::logicalOr));
    entries.forEach((name, isDir) -> {
      if (name.startsWith(partial)) {
        String value = dir + name + (isDir ? "/" : "");
        candidates.add(new Candidate(value, value.substring(from), null, null, null, null,
            !isDir));
      }
    });
  }
}

package io.smpsim.app.fidelity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real-kernel recording in the format of {@code fidelity/real-kernel/README.md}: the serial
 * console as {@code +SSSS.mmm| line}, the init script's commands bracketed by {@code $ CMD} and
 * {@code [rc=N]}, and the full {@code dmesg} between {@code @@DMESG_BEGIN} and
 * {@code @@DMESG_END}, the authority for kernel line order. A recording whose kernel never got
 * back to the script (a panic that rebooted the machine) has no dmesg section: its console's
 * printk lines are then the kernel log.
 *
 * @param name the recording's file name without {@code .txt}
 * @param dmesg the text of every {@code dmesg} line (or, without a dmesg section, of every
 *     printk line on the console), its printk timestamp removed
 * @param commands the scripted commands in the order they ran
 */
public record Recording(String name, List<String> dmesg, List<RecordedCommand> commands) {

  /**
   * One scripted command and what it printed (stdout and stderr as the console interleaved
   * them; kernel lines printed meanwhile are not part of it).
   *
   * @param line the command line
   * @param output its output lines
   * @param rc its exit status
   */
  public record RecordedCommand(String line, List<String> output, int rc) {}

  public Recording {
    dmesg = List.copyOf(dmesg);
    commands = List.copyOf(commands);
  }

  private static final Pattern CONSOLE = Pattern.compile("^\\+\\d+\\.\\d+\\| ?(.*)$");
  /** A printk line on the console or in dmesg: {@code [    2.350237] text}. */
  static final Pattern PRINTK = Pattern.compile("^\\[\\s*\\d+\\.\\d{6}\\] ?(.*)$");
  private static final Pattern RC = Pattern.compile("^\\[rc=(-?\\d+)\\]$");

  /** Reads the recording at {@code file}. */
  public static Recording read(Path file) {
    try {
      String name = file.getFileName().toString().replaceFirst("\\.txt$", "");
      return parse(name, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the recording " + file, e);
    }
  }

  /** Parses a recording's text. */
  public static Recording parse(String name, String text) {
    List<String> dmesg = new ArrayList<>();
    List<String> console = new ArrayList<>();
    boolean sawConsole = false;
    List<RecordedCommand> commands = new ArrayList<>();
    boolean inDmesg = false;
    boolean sawDmesg = false;
    String command = null;
    List<String> output = new ArrayList<>();
    for (String raw : text.split("\n", -1)) {
      Matcher c = CONSOLE.matcher(raw);
      if (!c.matches()) {
        continue;
      }
      sawConsole = true;
      String line = c.group(1);
      if (line.startsWith("@@DMESG_BEGIN")) {
        inDmesg = true;
        sawDmesg = true;
        continue;
      }
      if (line.startsWith("@@DMESG_END")) {
        inDmesg = false;
        continue;
      }
      Matcher p = PRINTK.matcher(line);
      if (inDmesg) {
        if (p.matches()) {
          dmesg.add(p.group(1));
        }
        continue;
      }
      if (!sawDmesg && p.matches()) {
        console.add(p.group(1));
        continue;
      }
      if (sawDmesg || line.startsWith("@@")) {
        continue;
      }
      if (line.startsWith("$ ")) {
        command = line.substring(2);
        output = new ArrayList<>();
        continue;
      }
      Matcher rc = RC.matcher(line);
      if (command != null && rc.matches()) {
        commands.add(new RecordedCommand(command, output, Integer.parseInt(rc.group(1))));
        command = null;
      } else if (command != null) {
        output.add(line);
      }
    }
    if (!sawConsole) {
      throw new IllegalArgumentException(name + ": no console line (+SSSS.mmm| ...): not a"
          + " recording in the format of fidelity/real-kernel/README.md");
    }
    return new Recording(name, sawDmesg ? dmesg : console, commands);
  }
}

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
 * @param markers the init script's {@code @@} lines before its dmesg, in order
 * @param init what the init script reported about the machine before its experiment
 * @param consoleOnly whether {@code dmesg} is the console's printk lines (no dmesg section):
 *     then it lacks what the console did not show (below console_loglevel: KERN_DEBUG)
 */
public record Recording(String name, List<String> dmesg, List<RecordedCommand> commands,
    List<Marker> markers, Init init, boolean consoleOnly) {

  /**
   * One scripted command and what it printed (stdout and stderr as the console interleaved
   * them; kernel lines printed meanwhile are not part of it).
   *
   * @param line the command line
   * @param output its output lines
   * @param rc its exit status, or null when the recording ends before the command returned (the
   *     machine hung in it until the recorder's timeout killed QEMU)
   * @param hostMs when it started, in host milliseconds since QEMU started
   */
  public record RecordedCommand(String line, List<String> output, Integer rc, long hostMs) {}

  /**
   * One of the init script's {@code @@} lines: its phases ({@code @@SYSRQ_L_BUSY}, {@code @@STEP
   * ...}) and what it reported.
   *
   * @param text the line without its {@code @@}
   * @param hostMs when it was printed, in host milliseconds since QEMU started
   */
  public record Marker(String text, long hostMs) {}

  /**
   * The init script's markers: {@code @@CMDLINE}, {@code @@CPUS ... possible=0-N},
   * {@code @@INIT_START} and {@code @@UPTIME_AT_INIT} (the guest's uptime then), and when the
   * experiment ended ({@code @@DMESG_BEGIN}, or the last console line, or, for a machine that
   * hung until the recorder's timeout killed it, the kill). A marker the recording lacks is null.
   *
   * @param cmdline the kernel command line
   * @param cpus how many CPUs are possible
   * @param guestOffsetMs host time less guest uptime: a host time minus it is the guest's
   * @param endHostMs when the experiment ended, in host milliseconds
   */
  public record Init(String cmdline, Integer cpus, Long guestOffsetMs, long endHostMs) {}

  public Recording {
    dmesg = List.copyOf(dmesg);
    java.util.Objects.requireNonNull(init);
    commands = List.copyOf(commands);
    markers = List.copyOf(markers);
  }

  private static final Pattern CONSOLE = Pattern.compile("^\\+\\d+\\.\\d+\\| ?(.*)$");
  /** A printk line on the console or in dmesg: {@code [    2.350237] text}. */
  static final Pattern PRINTK = Pattern.compile("^\\[\\s*\\d+\\.\\d{6}\\] ?(.*)$");
  /**
   * The kernel's first line glued to what the firmware left on the console line before it
   * ({@code Probing EDD (edd=off to disable)... o[    0.000000] Linux version ...}).
   */
  private static final Pattern GLUED_PRINTK =
      Pattern.compile("^[^\\[]+(\\[\\s*\\d+\\.\\d{6}\\] ?.*)$");
  /** Where a printk line starts inside a console line: its timestamp. */
  private static final Pattern PRINTK_START = Pattern.compile("\\[\\s*\\d+\\.\\d{6}\\]");
  private static final Pattern RC = Pattern.compile("^\\[rc=(-?\\d+)\\]$");
  private static final Pattern CONSOLE_TIME = Pattern.compile("^\\+(\\d+)\\.(\\d{3})\\|");
  /** The header's QEMU exit status: 124 when the recorder's timeout killed a hung machine. */
  private static final Pattern EXIT_STATUS = Pattern.compile("^# exit status\\s*: (\\d+)");
  /** The header's host wall time of the whole QEMU run, in seconds. */
  private static final Pattern HOST_WALL = Pattern.compile("^# host wall/user/sys: ([\\d.]+) s");
  private static final Pattern POSSIBLE = Pattern.compile("\\bpossible=(?:\\d+-)?(\\d+)\\b");

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
    List<Marker> markers = new ArrayList<>();
    boolean inDmesg = false;
    boolean sawDmesg = false;
    String command = null;
    long commandMs = 0;
    List<String> output = new ArrayList<>();
    String cmdline = null;
    Integer cpus = null;
    Long initMs = null;
    Long offsetMs = null;
    Long endMs = null;
    long lastMs = 0;
    String partial = null;
    long partialMs = 0;
    boolean killed = false;
    Long wallMs = null;
    for (String raw : text.split("\n", -1)) {
      Matcher c = CONSOLE.matcher(raw);
      if (!c.matches()) {
        Matcher exit = EXIT_STATUS.matcher(raw);
        if (exit.find()) {
          killed = exit.group(1).equals("124");
        }
        Matcher wall = HOST_WALL.matcher(raw);
        if (wall.find()) {
          wallMs = Math.round(1000 * Double.parseDouble(wall.group(1)));
        }
        continue;
      }
      sawConsole = true;
      Matcher time = CONSOLE_TIME.matcher(raw);
      long ms = time.find()
          ? Long.parseLong(time.group(1)) * 1000 + Long.parseLong(time.group(2)) : lastMs;
      lastMs = ms;
      String line = c.group(1);
      if (initMs != null) {
        // The kernel writes its lines to the console whole, the script's output goes through the
        // tty and can be cut by them: "$ echo l > /proc[    7.842351] sysrq: ...", the rest,
        // "/sysrq-trigger", on the next line the script writes. The cut part waits for its
        // rest. The dmesg dump is script output too (its lines start with their own stamp); a
        // live kernel line that cuts one is not part of the dump.
        Matcher cut = PRINTK_START.matcher(line);
        if (cut.find(inDmesg ? Math.min(1, line.length()) : 0) && cut.start() > 0) {
          if (partial == null) {
            partialMs = ms;
          }
          partial = (partial == null ? "" : partial) + line.substring(0, cut.start());
          if (inDmesg) {
            continue;
          }
          line = line.substring(cut.start());
        } else if (partial != null && !PRINTK.matcher(line).matches()) {
          line = partial + line;
          ms = partialMs;
          partial = null;
        } else if (partial != null && inDmesg) {
          continue;
        }
      }
      if (line.startsWith("@@INIT_START")) {
        initMs = ms;
      } else if (line.startsWith("@@UPTIME_AT_INIT ") && initMs != null && offsetMs == null) {
        offsetMs = initMs - Math.round(1000 * Double.parseDouble(line.split("\\s+")[1]));
      } else if (line.startsWith("@@CMDLINE ")) {
        cmdline = line.substring("@@CMDLINE ".length());
      } else if (line.startsWith("@@CPUS ")) {
        Matcher p = POSSIBLE.matcher(line);
        cpus = p.find() ? Integer.parseInt(p.group(1)) + 1 : null;
      }
      if (line.startsWith("@@DMESG_BEGIN") && endMs == null) {
        endMs = ms;
      }
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
      if (!p.matches() && initMs == null) {
        Matcher glued = GLUED_PRINTK.matcher(line);
        if (glued.matches()) {
          p = PRINTK.matcher(glued.group(1));
        }
      }
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
      if (sawDmesg) {
        continue;
      }
      if (line.startsWith("@@")) {
        markers.add(new Marker(line.substring(2), ms));
        continue;
      }
      if (line.startsWith("$ ")) {
        command = line.substring(2);
        commandMs = ms;
        output = new ArrayList<>();
        continue;
      }
      Matcher rc = RC.matcher(line);
      if (command != null && rc.matches()) {
        commands.add(new RecordedCommand(command, output, Integer.parseInt(rc.group(1)),
            commandMs));
        command = null;
      } else if (command != null) {
        output.add(line);
      }
    }
    if (command != null) {
      // The recording ended in this command (the recorder's timeout killed the hung machine).
      commands.add(new RecordedCommand(command, output, null, commandMs));
    }
    if (!sawConsole) {
      throw new IllegalArgumentException(name + ": no console line (+SSSS.mmm| ...): not a"
          + " recording in the format of fidelity/real-kernel/README.md");
    }
    return new Recording(name, sawDmesg ? dmesg : console, commands, markers,
        new Init(cmdline, cpus, offsetMs, endMs != null ? endMs
            // A machine that hung until the recorder's timeout killed it ran on to the kill.
            : killed && wallMs != null ? Math.max(lastMs, wallMs) : lastMs), !sawDmesg);
  }
}

package io.smpsim.app.run;

import io.smpsim.kernel.linux.Linux;
import io.smpsim.kernel.printk.Printk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * {@code smpsim shell} at a terminal: a prompt with history and line editing (JLine) in front of
 * the simulated machine. In paced mode simulated time flows at {@code speed} times wall-clock
 * time while you type, and kernel messages appear above the prompt as the machine prints them;
 * with speed 0 time moves only with {@code advance}.
 */
public final class InteractiveShell {

  /** At most this much wall time goes to letting time flow before typed lines are looked at. */
  private static final long FLOW_STEP_WALL_NS = 50_000_000;

  /** End of input, from the reader thread. */
  private static final String EOF = "\u0000eof";

  private final ShellSession session;
  private final Terminal terminal;
  private final double speed;
  private final Path history;
  /**
   * The next prompt, made on the session's thread when a command is done (the simulation is
   * only read there) and drawn by the reader thread.
   */
  private volatile String prompt;

  /**
   * @param speed simulated seconds per wall-clock second while nothing runs (0: time stands)
   * @param history where typed lines are kept across sessions, or null for nowhere
   */
  public InteractiveShell(ShellSession session, Terminal terminal, double speed, Path history) {
    this.session = session;
    this.terminal = terminal;
    this.speed = speed;
    this.history = history;
  }

  /** Runs until {@code exit} or end of input. */
  public void run() throws InterruptedException {
    LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("smpsim")
        .completer(new ShellCompleter(Linux.KERNEL.tables(), session::machines,
            session::machineConfig));
    if (history != null) {
      builder.variable(LineReader.HISTORY_FILE, history);
    }
    LineReader reader = builder.build();
    try {
      session(reader);
    } finally {
      if (history != null) {
        try {
          reader.getHistory().save();
        } catch (IOException e) {
          // History that cannot be saved is lost, as in bash; the session itself went fine.
        }
      }
    }
  }

  private void session(LineReader reader) throws InterruptedException {
    session.showOn(reader::printAbove);
    // Ctrl-C while a command runs stops it (the line reader handles it while a line is typed,
    // and puts this handler back when the line is done).
    Terminal.SignalHandler before = terminal.handle(Terminal.Signal.INT, s -> session.interrupt());
    try {
      loop(reader);
    } finally {
      terminal.handle(Terminal.Signal.INT, before);
    }
  }

  private void loop(LineReader reader) throws InterruptedException {
    reader.printAbove("smpsim shell: " + session.machine() + " is up. Commands run on the"
        + " machine; also: advance D, on M, help, exit. Time flows at " + speed + "x.");
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    this.prompt = prompt();
    Semaphore ready = new Semaphore(1);
    Thread input = new Thread(() -> readLines(reader, lines, ready), "smpsim-shell-input");
    input.setDaemon(true);
    input.start();
    long wallStart = System.nanoTime();
    long simStart = session.now();
    while (true) {
      String line = lines.poll(20, TimeUnit.MILLISECONDS);
      if (line == null) {
        if (speed > 0) {
          double ahead = Math.min(4e18, (System.nanoTime() - wallStart) * speed);
          long target = simStart + (long) ahead;
          if (target > session.now() && session.flowTo(target, FLOW_STEP_WALL_NS) < target) {
            // The simulation is slower than the pace asked: it runs as fast as it can, and
            // owes nothing (what is typed meanwhile still runs at once).
            wallStart = System.nanoTime();
            simStart = session.now();
          }
        }
        continue;
      }
      String cmd = line.strip();
      if (cmd.equals(EOF) || cmd.equals("exit")) {
        terminal.flush();
        return;
      }
      try {
        handle(cmd, reader);
      } finally {
        // The next prompt is drawn once this command is done: it names the machine `on` chose
        // and the time the command left the simulation at.
        this.prompt = prompt();
        ready.release();
      }
      // Pacing restarts from the command's end: time spent waiting for it is not made up.
      wallStart = System.nanoTime();
      simStart = session.now();
    }
  }

  private void handle(String cmd, LineReader reader) {
    if (cmd.isEmpty() || cmd.startsWith("#")) {
      return;
    }
    if (cmd.equals("help")) {
      reader.printAbove(help());
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    session.executeTo(cmd, ps, ps);
    String text = out.toString(StandardCharsets.UTF_8);
    if (!text.isEmpty()) {
      reader.printAbove(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
      terminal.flush();
    }
  }

  /**
   * Reads a line whenever the previous one is done. Ctrl-C drops the line being typed, as a
   * shell does; Ctrl-D (end of input) ends the session.
   */
  private void readLines(LineReader reader, BlockingQueue<String> lines, Semaphore ready) {
    try {
      while (true) {
        ready.acquire();
        try {
          lines.add(reader.readLine(this.prompt));
        } catch (UserInterruptException e) {
          ready.release();
        }
      }
    } catch (EndOfFileException | java.io.IOError e) {
      lines.add(EOF);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lines.add(EOF);
    }
  }

  /**
   * {@code [   12.345678] m0:~# }: the simulated time since the machines powered on, as dmesg
   * stamps the kernel's lines (printk's {@code [%5lu.%06lu]}), so a prompt reads against the
   * log above it, the machine commands go to, and its shell's working directory ({@code ~} for
   * HOME, which is / for init).
   */
  private String prompt() {
    // The working directory as ash's \w shows it: HOME (/, for init) as ~.
    String cwd = session.cwd().equals("/") ? "~" : session.cwd();
    return Printk.timestamp(session.now()) + session.machine() + ":" + cwd + "# ";
  }

  /** What {@code help} prints: the session's commands and every command the machine runs. */
  static String help() {
    java.util.Set<String> names = new java.util.TreeSet<>(ShellCompleter.BUILTINS);
    for (String c : Linux.KERNEL.tables().commandNames()) {
      // '@' names are smpsim's own timeline helpers, not commands a user types.
      if (!c.startsWith("@")) {
        names.add(c.split(" ", 2)[0]);
      }
    }
    StringBuilder list = new StringBuilder("  ");
    int col = 2;
    for (String n : names) {
      if (col + n.length() + 1 > 78) {
        list.append("\n  ");
        col = 2;
      }
      list.append(n).append(' ');
      col += n.length() + 1;
    }
    return String.join("\n",
        "Machine commands (busybox's, on the machine the prompt names; the README's table",
        "  says what each runs):",
        list.toString().stripTrailing().replace(" \n", "\n"),
        "  echo V > FILE writes procfs and sysfs; CMD | grep | cut | sort | uniq ... pipes;",
        "  A; B, A && B, A || B run in turn; while :; do :; done & starts a busy loop (jobs,",
        "  kill %N).",
        "The prompt shows the simulated time, as dmesg stamps lines, and the machine's working",
        "  directory; date prints the machine's wall clock (its RTC starts at the scenario's",
        "  rtc time, the epoch by default).",
        "Shell commands: advance D (run D of simulated time), on M (switch machine),",
        "  help, exit (or Ctrl-D). Ctrl-C stops the running command or advance.",
        "Tab completes commands, machine names after 'on', and /proc and /sys paths.");
  }

  /** Closes the terminal. */
  public void close() throws IOException {
    terminal.close();
  }
}

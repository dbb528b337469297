package io.smpsim.app.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.app.scenario.ConfigReader;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.kernel.linux.Linux;
import io.smpsim.kernel.linux.LinuxWorld;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.shell.Shell;
import io.smpsim.kernel.shell.ShellReady;
import io.smpsim.sim.Event;
import io.smpsim.sim.OutputRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code smpsim shell}: boots the scenario's machines, then runs commands in order at the current
 * simulated time. Besides the machine's commands it knows {@code advance D} (run the simulation
 * forward), {@code on M} (switch machine) and, like every machine, {@code dmesg}. Prints what a
 * terminal would show: each command's output, and as they happen the kernel's log lines and the
 * scenario's own timeline commands with theirs; or with {@code --json} one object per command
 * (what the console showed meanwhile in its {@code console} field).
 *
 * <p>A machine that cannot answer (panicked, or suspended) is not waited for: the command fails
 * at once with exit {@link #NO_ANSWER} and the reason, and a command that was already running
 * when its machine went to sleep shows its answer when the machine resumes.
 */
public final class ShellSession {

  /** A command that got no answer (as timeout(1) exits). */
  public static final int NO_ANSWER = 124;

  /** A command interrupted with Ctrl-C (128 + SIGINT, as sh reports it). */
  public static final int INTERRUPTED = 130;

  /** A command line the session itself could not make sense of. */
  public static final int USAGE = 2;

  /** Request ids of interactive commands start above any timeline's. */
  private static final long FIRST_REQUEST = 1_000_000_000L;

  /**
   * While waiting for an answer the run goes in slices that start at 10 us and double up to
   * 100 ms, as {@link io.smpsim.sim.engine.RunClient#runUntilPause} does: the time a command's
   * answer pauses the run at is fixed by the simulation alone, and between slices the session
   * looks whether the machine can still answer.
   */
  private static final long FIRST_SLICE_NS = 10_000;
  private static final long MAX_SLICE_NS = 100_000_000;

  /** An {@code advance} goes in slices of about this much wall time, so Ctrl-C stops it soon. */
  private static final long ADVANCE_SLICE_WALL_NS = 100_000_000;

  private final Simulation sim;
  private final LinuxWorld world;
  private final boolean json;
  private final long commandTimeoutNs;
  private final boolean prefix;
  private PrintStream out;
  private PrintStream err;
  private final ObjectMapper mapper = new ObjectMapper();
  private final MachineStates states = new MachineStates();
  private int machine;
  private long nextRequest = FIRST_REQUEST;
  private CommandResult answer;
  /** Each machine's shell's working directory, as its last command left it. */
  private final java.util.Map<String, String> cwds = new java.util.HashMap<>();
  private long waitingFor = -1;
  private boolean pausing;
  private final Set<Long> abandoned = new HashSet<>();
  private final List<String> shown = new ArrayList<>();
  private Consumer<String> console;
  private boolean booted;
  private int lastFailure;
  private volatile boolean interruptRequested;

  public ShellSession(Simulation sim, boolean json, long commandTimeoutNs, PrintStream out,
      PrintStream err) {
    this.sim = sim;
    Scenario sc = sim.scenario();
    this.world = new LinuxWorld(sc.machines(), sc.timeline());
    this.json = json;
    this.commandTimeoutNs = commandTimeoutNs;
    this.prefix = sc.machines().size() > 1;
    this.out = out;
    this.err = err;
    this.console = json ? shown::add : line -> {
      this.out.println(line);
      this.out.flush();
    };
  }

  /**
   * Shows what the console prints as it happens (kernel log lines, the timeline's commands, late
   * answers) to {@code lines}, one line at a time, instead of printing it.
   */
  public void showOn(Consumer<String> lines) {
    this.console = lines;
  }

  /**
   * Asks the command now running to stop (Ctrl-C): an {@code advance} stops where it got to, a
   * machine's command is no longer waited for (its answer shows when it comes). Safe to call
   * from any thread.
   */
  public void interrupt() {
    interruptRequested = true;
  }

  /** The working directory of the shell of the machine commands go to ("/" before any cd). */
  public String cwd() {
    return cwds.getOrDefault(machine(), "/");
  }

  /** The machine commands go to. */
  public String machine() {
    return sim.scenario().machines().get(machine).name();
  }

  /** The configuration of the machine commands go to. */
  public io.smpsim.kernel.MachineConfig machineConfig() {
    return sim.scenario().machines().get(machine);
  }

  /** The scenario's machines, by name. */
  public List<String> machines() {
    return sim.scenario().machines().stream().map(m -> m.name()).toList();
  }

  /** The simulated time reached. */
  public long now() {
    return sim.client().now();
  }

  /** The exit status of the last command that failed, 0 if none did. */
  public int lastFailure() {
    return lastFailure;
  }

  /**
   * Lets simulated time flow towards {@code until} for at most about {@code wallBudgetNs} of
   * wall time, showing outputs as they come: a prompt that paces time stays responsive however
   * fast it asks time to go. Returns the simulated time reached.
   */
  public long flowTo(long until, long wallBudgetNs) {
    long start = System.nanoTime();
    long target = Math.min(until, ConfigReader.MAX_DURATION_NS);
    long slice = FIRST_SLICE_NS;
    while (sim.client().now() < target && System.nanoTime() - start < wallBudgetNs) {
      long now = sim.client().now();
      long t0 = System.nanoTime();
      sim.client().runUntil(target - now <= slice ? target : now + slice, this::collect, null);
      slice = nextSlice(slice, System.nanoTime() - t0);
    }
    return sim.client().now();
  }

  /**
   * The next slice of a run whose pauses change nothing (a pause cuts no window short): long
   * enough to cost little, short enough to stop soon when asked.
   */
  private static long nextSlice(long slice, long tookNs) {
    if (tookNs < ADVANCE_SLICE_WALL_NS / 2 && slice < Long.MAX_VALUE / 2) {
      return slice * 2;
    }
    if (tookNs > ADVANCE_SLICE_WALL_NS * 2 && slice > FIRST_SLICE_NS) {
      return slice / 2;
    }
    return slice;
  }

  /** Boots every machine: runs until each shell reported ready. */
  public void boot() {
    Set<String> ready = new HashSet<>();
    int machines = sim.scenario().machines().size();
    long deadline = sim.client().now() + commandTimeoutNs;
    while (ready.size() < machines && sim.client().now() < deadline) {
      sim.client().runUntilPause(deadline, o -> {
        if (o.output() instanceof ShellReady r) {
          ready.add(r.machine());
        }
        states.observe(o);
      }, null);
    }
    if (ready.size() < machines) {
      throw new IllegalStateException("machines did not boot within "
          + commandTimeoutNs / 1_000_000_000L + " s of simulated time");
    }
    // The boot log is there for dmesg; from now on the console shows what happens.
    booted = true;
  }

  /**
   * Reads and runs commands until end of input; returns the exit status of the last command
   * that failed (0 if every one succeeded), so a script can tell that something went wrong.
   */
  public int run(BufferedReader in) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      String cmd = line.strip();
      if (cmd.isEmpty() || cmd.startsWith("#")) {
        continue;
      }
      execute(cmd);
      out.flush();
    }
    return lastFailure;
  }

  /** Runs one command line, printing its report to {@code o} and {@code e} instead. */
  public int executeTo(String cmd, PrintStream o, PrintStream e) {
    PrintStream savedOut = out;
    PrintStream savedErr = err;
    out = o;
    err = e;
    try {
      return execute(cmd);
    } finally {
      out = savedOut;
      err = savedErr;
    }
  }

  /**
   * Runs one command line and reports it; returns its exit status. A command that fails fails
   * alone: an argument the session cannot use is a shell-style error (exit 2), never the end of
   * the session.
   */
  public int execute(String cmd) {
    interruptRequested = false;
    shown.clear();
    int exit;
    try {
      exit = dispatch(cmd);
    } catch (IllegalArgumentException e) {
      exit = report(cmd, USAGE, "", "smpsim: " + firstWord(cmd) + ": " + e.getMessage() + "\n");
    }
    if (exit != 0) {
      lastFailure = exit;
    }
    return exit;
  }

  private int dispatch(String cmd) {
    if (cmd.equals("help")) {
      return report(cmd, 0, InteractiveShell.help() + "\n", "");
    }
    if (cmd.equals("advance") || cmd.startsWith("advance ")) {
      return advance(cmd, cmd.substring("advance".length()).trim());
    }
    if (cmd.startsWith("on ") || cmd.equals("on")) {
      String name = cmd.substring(2).trim();
      int m = sim.scenario().machineIndex(name);
      if (m < 0) {
        return report(cmd, 1, "", "on: no machine named '" + name + "'\n");
      }
      machine = m;
      return report(cmd, 0, "", "");
    }
    return runOnMachine(cmd);
  }

  /**
   * {@code advance D}: D is a duration with its unit; the run may not go past the longest time
   * smpsim simulates. Ctrl-C stops it where it got to.
   */
  private int advance(String cmd, String arg) {
    long d;
    try {
      d = ConfigReader.parseDuration(arg);
    } catch (IllegalArgumentException e) {
      return report(cmd, 1, "", "advance: " + e.getMessage() + "\n");
    }
    long from = sim.client().now();
    if (d > ConfigReader.MAX_DURATION_NS - from) {
      return report(cmd, 1, "", "advance: out of range: " + arg + " from "
          + MachineStates.seconds(from) + " goes past " + ConfigReader.MAX_DURATION
          + " (about 114 years), the most smpsim simulates\n");
    }
    long target = from + d;
    long slice = FIRST_SLICE_NS;
    while (sim.client().now() < target) {
      if (interruptRequested) {
        return report(cmd, INTERRUPTED, "", "^C advance: interrupted at "
            + MachineStates.seconds(sim.client().now()) + ", "
            + MachineStates.seconds(sim.client().now() - from) + " of " + arg + " done\n");
      }
      long now = sim.client().now();
      long to = target - now <= slice ? target : now + slice;
      // Where an advance pauses changes nothing in the run, so its slices follow the wall
      // clock, short enough for Ctrl-C.
      long t0 = System.nanoTime();
      sim.client().runUntil(to, this::collect, null);
      slice = nextSlice(slice, System.nanoTime() - t0);
    }
    return report(cmd, 0, "", "");
  }

  private int runOnMachine(String cmd) {
    String name = machine();
    // An out-of-band line (inject wakeup) comes from outside the machine: a suspended machine
    // takes it.
    boolean wakeup = Linux.KERNEL.tables().outOfBand(cmd) != null;
    String why = states.whyNoAnswer(name);
    if (why != null && !(states.suspended(name) && wakeup)) {
      // Sent now, the command would wait in a queue nobody runs, or run at an unknown later
      // time: it is not sent, and the session says why.
      return report(cmd, NO_ANSWER, "", "smpsim: " + why + "\n");
    }
    long id = nextRequest++;
    MachineLayout layout = world.layout(machine);
    long now = sim.client().now();
    sim.client().inject(List.of(new Event(now, Event.ENVIRONMENT, id,
        layout.id(MachineLayout.Slot.SHELL), new Shell.Run(id, cmd, true))));
    answer = null;
    waitingFor = id;
    long deadline = now + commandTimeoutNs;
    long slice = FIRST_SLICE_NS;
    try {
      while (answer == null && sim.client().now() < deadline) {
        if (interruptRequested) {
          abandoned.add(id);
          return report(cmd, INTERRUPTED, "", "^C (" + name + " still runs it; its answer shows"
              + " when it comes)\n");
        }
        why = states.whyNoAnswer(name);
        if (why != null && !(states.suspended(name) && wakeup)) {
          if (states.suspended(name)) {
            abandoned.add(id);
          }
          return report(cmd, NO_ANSWER, "", "smpsim: " + why + "\n");
        }
        pausing = false;
        long at = sim.client().now();
        long to = deadline - at <= slice ? deadline : at + slice;
        sim.client().runUntil(to, this::collect, null);
        slice = pausing ? FIRST_SLICE_NS : Math.min(MAX_SLICE_NS, slice * 2);
      }
    } finally {
      waitingFor = -1;
    }
    if (answer == null) {
      abandoned.add(id);
      return report(cmd, NO_ANSWER, "", "smpsim: no answer from " + name + " within "
          + commandTimeoutNs / 1_000_000_000L + " s of simulated time\n");
    }
    return report(cmd, answer.exit(), answer.stdout(), answer.stderr());
  }

  private void collect(OutputRecord o) {
    states.observe(o);
    if (o.output().pausesRun()) {
      pausing = true;
    }
    if (o.output() instanceof CommandResult r) {
      cwds.put(r.machine(), r.cwd());
      if (r.requestId() == waitingFor) {
        answer = r;
      } else if (abandoned.remove(r.requestId())) {
        show("[" + r.machine() + " answered '" + r.line() + "' at "
            + MachineStates.seconds(o.time()) + ": exit " + r.exit() + "]");
        showText(r.stdout());
        showText(r.stderr());
      } else if (!r.interactive()) {
        // The scenario's own timeline, as if typed at the machine's console.
        show(r.machine() + "# " + r.line());
        showText(r.stdout());
        showText(r.stderr());
      }
    } else if (o.output() instanceof KernelLog log) {
      for (LogLine l : log.consoleLines()) {
        show((prefix ? log.machine() + ": " : "") + l.formatted());
      }
    }
  }

  private void show(String line) {
    if (booted) {
      console.accept(line);
    }
  }

  private void showText(String text) {
    if (text.isEmpty()) {
      return;
    }
    for (String l : (text.endsWith("\n") ? text.substring(0, text.length() - 1) : text)
        .split("\n", -1)) {
      show(l);
    }
  }

  private static String firstWord(String cmd) {
    int sp = cmd.indexOf(' ');
    return sp < 0 ? cmd : cmd.substring(0, sp);
  }

  private int report(String cmd, int exit, String stdout, String stderr) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cmd", cmd);
      m.put("exit", exit);
      m.put("stdout", stdout);
      m.put("stderr", stderr);
      m.put("timeNs", sim.client().now());
      m.put("console", List.copyOf(shown));
      shown.clear();
      try {
        out.println(mapper.writeValueAsString(m));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else {
      out.print(stdout);
      out.flush();
      err.print(stderr);
      err.flush();
    }
    return exit;
  }
}

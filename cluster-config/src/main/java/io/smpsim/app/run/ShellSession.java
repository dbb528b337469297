package io.smpsim.app.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.app.scenario.ConfigReader;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.kernel.linux.LinuxWorld;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.shell.Shell;
import io.smpsim.kernel.shell.ShellReady;
import io.smpsim.sim.Event;
import io.smpsim.sim.OutputRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code smpsim shell --batch}: boots the scenario's machines, then runs the commands read from
 * stdin in order at the current simulated time. Besides the machine's commands it knows
 * {@code advance D} (run the simulation forward), {@code on M} (switch machine) and, like every
 * machine, {@code dmesg}. Prints what a terminal would show, or with {@code --json} one object
 * per command.
 */
public final class ShellSession {

  /** Request ids of interactive commands start above any timeline's. */
  private static final long FIRST_REQUEST = 1_000_000_000L;

  private final Simulation sim;
  private final LinuxWorld world;
  private final boolean json;
  private final long commandTimeoutNs;
  private PrintStream out;
  private PrintStream err;
  private final ObjectMapper mapper = new ObjectMapper();
  private int machine;
  private long nextRequest = FIRST_REQUEST;
  private CommandResult answer;
  private long waitingFor = -1;
  private java.util.function.Consumer<OutputRecord> watcher = o -> { };

  public ShellSession(Simulation sim, boolean json, long commandTimeoutNs, PrintStream out,
      PrintStream err) {
    this.sim = sim;
    Scenario sc = sim.scenario();
    this.world = new LinuxWorld(sc.machines(), sc.timeline());
    this.json = json;
    this.commandTimeoutNs = commandTimeoutNs;
    this.out = out;
    this.err = err;
  }

  /** Also shows every output (kernel log lines) to {@code w} as the simulation produces it. */
  public void watch(java.util.function.Consumer<OutputRecord> w) {
    this.watcher = w;
  }

  /** The machine commands go to. */
  public String machine() {
    return sim.scenario().machines().get(machine).name();
  }

  /** The simulated time reached. */
  public long now() {
    return sim.client().now();
  }

  /** Lets simulated time flow to {@code until}, showing outputs as they come. */
  public void flowTo(long until) {
    while (sim.client().now() < until) {
      sim.client().runUntil(until, this::collect, null);
    }
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
        watcher.accept(o);
      }, null);
    }
    if (ready.size() < machines) {
      throw new IllegalStateException("machines did not boot within "
          + commandTimeoutNs / 1_000_000_000L + " s of simulated time");
    }
  }

  /** Reads and runs commands until end of input; returns the exit status of the last one. */
  public int run(BufferedReader in) throws IOException {
    int last = 0;
    String line;
    while ((line = in.readLine()) != null) {
      String cmd = line.strip();
      if (cmd.isEmpty() || cmd.startsWith("#")) {
        continue;
      }
      last = execute(cmd);
      out.flush();
    }
    return last;
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

  /** Runs one command line and reports it; returns its exit status. */
  public int execute(String cmd) {
    if (cmd.equals("advance") || cmd.startsWith("advance ")) {
      String arg = cmd.substring("advance".length()).trim();
      try {
        long d = ConfigReader.parseDuration(arg);
        flowTo(sim.client().now() + d);
        return report(cmd, 0, "", "");
      } catch (IllegalArgumentException e) {
        return report(cmd, 1, "", "advance: " + e.getMessage() + "\n");
      }
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

  private int runOnMachine(String cmd) {
    long id = nextRequest++;
    MachineLayout layout = world.layout(machine);
    long now = sim.client().now();
    sim.client().inject(List.of(new Event(now, Event.ENVIRONMENT, id,
        layout.id(MachineLayout.Slot.SHELL), new Shell.Run(id, cmd, true))));
    answer = null;
    waitingFor = id;
    long deadline = now + commandTimeoutNs;
    while (answer == null && sim.client().now() < deadline) {
      sim.client().runUntilPause(deadline, this::collect, null);
    }
    waitingFor = -1;
    if (answer == null) {
      return report(cmd, 124, "", "smpsim: no answer from " + sim.scenario().machines()
          .get(machine).name() + " within " + commandTimeoutNs / 1_000_000_000L
          + " s of simulated time\n");
    }
    return report(cmd, answer.exit(), answer.stdout(), answer.stderr());
  }

  private void collect(OutputRecord o) {
    if (o.output() instanceof CommandResult r && r.requestId() == waitingFor) {
      answer = r;
    }
    watcher.accept(o);
  }

  private int report(String cmd, int exit, String stdout, String stderr) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cmd", cmd);
      m.put("exit", exit);
      m.put("stdout", stdout);
      m.put("stderr", stderr);
      m.put("timeNs", sim.client().now());
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

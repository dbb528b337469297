package io.smpsim.app.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.smpsim.app.GoldenLog;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.panic.PanicReport;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.engine.EmbeddedCluster;
import io.smpsim.sim.engine.RunClient;
import io.smpsim.sim.engine.RunReply;
import io.smpsim.sim.testing.SerializationErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * A scenario run to its end (or a shorter duration) as {@code smpsim run} runs it: what every
 * timeline command printed, each machine's kernel log, which machines panicked, and the run's
 * trace hash. The one harness of the scenario tests: on a cluster the test class shares
 * ({@link #of}), or on an embedded node of its own with every message serialized, so a missing
 * Kryo registration fails the test ({@link #alone}).
 *
 * @param commands every timeline command's result, in the order they finished
 * @param traceHash the run's trace hash
 * @param entitiesPerNode how many entities each cluster node hosted
 * @param kernelLog the kernel log exactly as {@code smpsim run} prints it on stdout
 * @param logs each machine's log lines, by machine, in scenario order
 * @param panicked the machines that panicked, in the order they did
 * @param events the events the engine processed
 */
public record ScenarioRun(List<CommandResult> commands, long traceHash,
    List<Integer> entitiesPerNode, String kernelLog, Map<String, List<LogLine>> logs,
    List<String> panicked, long events) {

  /** Every message is serialized, as between nodes: a missing Kryo registration shows. */
  public static final Config SERIALIZE = ConfigFactory.parseString(
      "pekko.actor.serialize-messages = on");

  /** Runs the scenario file {@code file} (relative to the repository root). */
  public static ScenarioRun of(EmbeddedCluster cluster, RunClient client, ScenarioLoader loader,
      String file) {
    return of(cluster, client, loader, loader.load(Path.of("..").resolve(file), null, null));
  }

  /** Runs {@code scenario} on a cluster the caller shares between runs. */
  public static ScenarioRun of(EmbeddedCluster cluster, RunClient client, ScenarioLoader loader,
      Scenario scenario) {
    try (Simulation sim = Simulation.on(cluster, client, scenario, loader)) {
      return collect(scenario, client, sim);
    }
  }

  /**
   * Runs {@code scenario} on {@code nodes} embedded nodes of its own, started for it and closed
   * after it.
   */
  public static ScenarioRun onNodes(int nodes, ScenarioLoader loader, Scenario scenario) {
    try (EmbeddedCluster cluster = EmbeddedCluster.start(nodes, ConfigFactory.empty(),
        Simulation.factories(loader), Duration.ofMinutes(2))) {
      return of(cluster, cluster.client(Duration.ofMinutes(2)), loader, scenario);
    }
  }

  /**
   * Runs scenarios/{@code name} for {@code durationNs} (null: its own duration) on one embedded
   * node of its own, with every message serialized.
   */
  public static ScenarioRun alone(String name, Long durationNs) {
    return alone(scenario(name), durationNs);
  }

  /** Runs the scenario file {@code file} as {@link #alone(String, Long)} does. */
  public static ScenarioRun alone(Path file, Long durationNs) {
    watchSerialization();
    ScenarioLoader loader = new ScenarioLoader();
    Scenario sc = loader.load(file, null, durationNs);
    ScenarioRun r;
    try (Simulation sim = Simulation.start(sc, loader, 1, SERIALIZE)) {
      r = collect(sc, sim.client(), sim);
    }
    SerializationErrors.assertNone();
    return r;
  }

  /**
   * Writes {@code text} as the scenario file {@code dir/name} and runs it as
   * {@link #alone(Path, Long)} does, for its own duration.
   */
  public static ScenarioRun alone(Path dir, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return alone(file, null);
  }

  /** The repository's scenarios/{@code name} (tests run in the module's directory). */
  public static Path scenario(String name) {
    return Path.of("..", "scenarios", name);
  }

  /** Serialization failures are only logged by Pekko: make them fail the test. */
  public static void watchSerialization() {
    LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = lc.getLogger(Logger.ROOT_LOGGER_NAME);
    if (root.getAppender("smpsim-serialization") == null) {
      SerializationErrors a = new SerializationErrors();
      a.setName("smpsim-serialization");
      a.setContext(lc);
      a.start();
      root.addAppender(a);
    }
  }

  private static ScenarioRun collect(Scenario scenario, RunClient client, Simulation sim) {
    List<CommandResult> commands = new ArrayList<>();
    Map<String, List<LogLine>> logs = new LinkedHashMap<>();
    List<String> panicked = new ArrayList<>();
    List<String> machines = scenario.machines().stream().map(MachineConfig::name).toList();
    for (String m : machines) {
      logs.put(m, new ArrayList<>());
    }
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream logStream = new PrintStream(log, false, StandardCharsets.UTF_8);
    LogPrinter printer = new LogPrinter(logStream, machines);
    Consumer<OutputRecord> sink = o -> {
      if (o.output() instanceof KernelLog k) {
        printer.print(k);
        logs.computeIfAbsent(k.machine(), m -> new ArrayList<>()).addAll(k.lines());
      } else if (o.output() instanceof CommandResult c) {
        commands.add(c);
      } else if (o.output() instanceof PanicReport p) {
        panicked.add(p.machine());
      }
    };
    RunReply.Paused last = null;
    while (last == null || last.now() < scenario.durationNs()) {
      last = client.runUntil(scenario.durationNs(), sink, null);
    }
    RunReply.Finished end = client.finish(sink);
    logStream.flush();
    return new ScenarioRun(commands, end.traceHash(), sim.started().entitiesPerNode(),
        log.toString(StandardCharsets.UTF_8), logs, panicked, end.events());
  }

  /** What {@code line} printed on {@code machine} (the last time it ran); it must have succeeded. */
  public String stdout(String machine, String line) {
    CommandResult found = null;
    for (CommandResult r : commands) {
      if (r.machine().equals(machine) && r.line().equals(line)) {
        found = r;
      }
    }
    assertTrue(found != null, () -> machine + " never ran `" + line + "`");
    CommandResult r = found;
    assertTrue(r.exit() == 0, () -> "`" + line + "` exited " + r.exit() + ": " + r.stderr());
    return r.stdout();
  }

  /** What {@code line} printed on {@code machine} each time it ran, in the order it did. */
  public List<String> outputs(String machine, String line) {
    return commands.stream().filter(c -> c.machine().equals(machine) && c.line().equals(line))
        .map(CommandResult::stdout).toList();
  }

  /** The result of the command {@code line} on {@code machine} (the first time it ran). */
  public CommandResult command(String machine, String line) {
    for (CommandResult c : commands) {
      if (c.machine().equals(machine) && c.line().equals(line)) {
        return c;
      }
    }
    throw new AssertionError("no command '" + line + "' ran on " + machine);
  }

  /** The machine's log lines (dmesg format) containing {@code text}. */
  public List<String> lines(String machine, String text) {
    List<String> out = new ArrayList<>();
    for (LogLine l : logs.get(machine)) {
      if (l.text().contains(text)) {
        out.add(l.formatted());
      }
    }
    return out;
  }

  /** The time of the first line containing {@code text}, in ns, or -1. */
  public long firstTime(String machine, String text) {
    for (LogLine l : logs.get(machine)) {
      if (l.text().contains(text)) {
        return l.timeNs();
      }
    }
    return -1;
  }

  /** The machine's log lines without their timestamps, in the order it printed them. */
  public List<String> texts(String machine) {
    return logs.get(machine).stream().map(LogLine::text).toList();
  }

  /** The machine's last log line, without its timestamp. */
  public String lastText(String machine) {
    List<LogLine> l = logs.get(machine);
    return l.get(l.size() - 1).text();
  }

  /**
   * What the timeline printed: every command that wrote something or failed, in the order it
   * finished (silent successes, such as thousands of {@code tc class add}, are left out).
   */
  public String transcript() {
    StringBuilder b = new StringBuilder();
    for (CommandResult r : commands) {
      if (r.stdout().isEmpty() && r.stderr().isEmpty() && r.exit() == 0) {
        continue;
      }
      b.append(r.machine()).append("$ ").append(r.line()).append('\n').append(r.stdout());
      b.append(r.stderr());
      if (r.exit() != 0) {
        b.append("[exit ").append(r.exit()).append("]\n");
      }
    }
    return b.toString();
  }

  /**
   * Compares the transcript with the golden file beside the scenario ({@code x.conf} ->
   * {@code x.out}): every figure is exact, since the simulation is deterministic.
   */
  public void assertGolden(String scenarioFile) {
    GoldenLog.assertMatches(GoldenLog.repoRoot()
        .resolve(scenarioFile.replaceAll("\\.conf$", ".out")), transcript());
  }

  /** Commands that exited non-zero. */
  public List<CommandResult> failures() {
    return commands.stream().filter(r -> r.exit() != 0).toList();
  }

  /** The first group of {@code regex} in {@code text}, as a number. */
  public static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), () -> "no " + regex + " in\n" + text);
    return Long.parseLong(m.group(1));
  }
}

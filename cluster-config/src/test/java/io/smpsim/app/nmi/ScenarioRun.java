package io.smpsim.app.nmi;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.app.run.Simulation;
import io.smpsim.kernel.panic.PanicReport;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.engine.RunReply;
import io.smpsim.sim.testing.SerializationErrors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Runs a shipped scenario to its end (or a shorter duration) on one embedded node with every
 * message serialized, and keeps what each machine logged, what its commands answered and
 * whether it panicked.
 */
final class ScenarioRun {

  /** Every message is serialized, as between nodes: a missing Kryo registration shows. */
  static final Config SERIALIZE = ConfigFactory.parseString(
      "pekko.actor.serialize-messages = on");

  final Map<String, List<LogLine>> logs = new LinkedHashMap<>();
  final List<CommandResult> commands = new ArrayList<>();
  final List<String> panicked = new ArrayList<>();

  private ScenarioRun() {}

  /** The repository's scenarios directory (tests run in the module's directory). */
  static Path scenario(String name) {
    return Path.of("..", "scenarios", name);
  }

  static ScenarioRun run(String name, Long durationNs) {
    watchSerialization();
    ScenarioLoader loader = new ScenarioLoader();
    Scenario sc = loader.load(scenario(name), null, durationNs);
    ScenarioRun r = new ScenarioRun();
    for (var m : sc.machines()) {
      r.logs.put(m.name(), new ArrayList<>());
    }
    try (Simulation sim = Simulation.start(sc, loader, 1, SERIALIZE)) {
      RunReply.Paused last = null;
      while (last == null || last.now() < sc.durationNs()) {
        last = sim.client().runUntil(sc.durationNs(), r::collect, null);
      }
      sim.client().finish(r::collect);
    }
    SerializationErrors.assertNone();
    return r;
  }

  /** Serialization failures are only logged by Pekko: make them fail the test. */
  static void watchSerialization() {
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

  private void collect(OutputRecord o) {
    if (o.output() instanceof KernelLog log) {
      logs.computeIfAbsent(log.machine(), k -> new ArrayList<>()).addAll(log.lines());
    } else if (o.output() instanceof CommandResult c) {
      commands.add(c);
    } else if (o.output() instanceof PanicReport p) {
      panicked.add(p.machine());
    }
  }

  /** The machine's log lines (dmesg format) containing {@code text}. */
  List<String> lines(String machine, String text) {
    List<String> out = new ArrayList<>();
    for (LogLine l : logs.get(machine)) {
      if (l.text().contains(text)) {
        out.add(l.formatted());
      }
    }
    return out;
  }

  /** The time of the first line containing {@code text}, in ns, or -1. */
  long firstTime(String machine, String text) {
    for (LogLine l : logs.get(machine)) {
      if (l.text().contains(text)) {
        return l.timeNs();
      }
    }
    return -1;
  }

  /** The machine's last log line, without its timestamp. */
  String lastText(String machine) {
    List<LogLine> l = logs.get(machine);
    return l.get(l.size() - 1).text();
  }

  /** The output of the command {@code line} on {@code machine}. */
  CommandResult command(String machine, String line) {
    for (CommandResult c : commands) {
      if (c.machine().equals(machine) && c.line().equals(line)) {
        return c;
      }
    }
    throw new AssertionError("no command '" + line + "' ran on " + machine);
  }
}

package io.smpsim.app.fidelity;

import io.smpsim.app.run.Simulation;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.engine.RunReply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A scenario's run as the scorer reads it: the first machine's kernel log (a recording is one
 * machine) and what every timeline command on it printed.
 *
 * @param machine the machine scored
 * @param lines its kernel log lines, with their levels
 * @param commands its commands' results, in the order they finished
 */
public record Replay(String machine, List<LogLine> lines, List<CommandResult> commands) {

  /** console_loglevel of the recorded kernel (CONFIG_CONSOLE_LOGLEVEL_DEFAULT). */
  private static final int CONSOLE_LOGLEVEL = 7;

  public Replay {
    lines = List.copyOf(lines);
    commands = List.copyOf(commands);
  }

  /** The kernel log's texts, without their timestamps. */
  public List<String> log() {
    return lines.stream().map(LogLine::text).toList();
  }

  /**
   * The log to score against {@code r}: its dmesg section holds every line, a recording without
   * one only what the console showed (below console_loglevel: no KERN_DEBUG).
   */
  public List<String> logAsRecorded(Recording r) {
    return lines.stream()
        .filter(l -> !r.consoleOnly() || l.level().number() < CONSOLE_LOGLEVEL)
        .map(LogLine::text).toList();
  }

  /** Runs {@code scenario} to its end on one in-JVM node. */
  public static Replay run(Scenario scenario, ScenarioLoader loader) {
    String machine = scenario.machines().get(0).name();
    List<LogLine> log = new ArrayList<>();
    List<CommandResult> commands = new ArrayList<>();
    Consumer<OutputRecord> sink = o -> {
      if (o.output() instanceof KernelLog k && k.machine().equals(machine)) {
        log.addAll(k.lines());
      } else if (o.output() instanceof CommandResult c && c.machine().equals(machine)) {
        commands.add(c);
      }
    };
    try (Simulation sim = Simulation.start(scenario, loader, 1)) {
      RunReply.Paused last = null;
      while (last == null || last.now() < scenario.durationNs()) {
        last = sim.client().runUntil(scenario.durationNs(), sink, null);
      }
      sim.client().finish(sink);
    }
    return new Replay(machine, log, commands);
  }
}

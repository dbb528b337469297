package io.smpsim.app.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.sim.engine.EmbeddedCluster;
import io.smpsim.sim.engine.RunClient;
import io.smpsim.sim.engine.RunReply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario run to its end on a shared cluster, as {@code smpsim run} runs it: what every
 * timeline command printed, the kernel log, and the run's trace hash.
 *
 * @param commands every timeline command's result, in the order they finished
 * @param traceHash the run's trace hash
 * @param entitiesPerNode how many entities each cluster node hosted
 * @param kernelLog the kernel log exactly as {@code smpsim run} prints it on stdout
 */
record ScenarioRun(List<CommandResult> commands, long traceHash, List<Integer> entitiesPerNode,
    String kernelLog) {

  /** Runs the scenario file {@code file} (relative to the repository root). */
  static ScenarioRun of(EmbeddedCluster cluster, RunClient client, ScenarioLoader loader,
      String file) {
    return of(cluster, client, loader, loader.load(Path.of("..").resolve(file), null, null));
  }

  static ScenarioRun of(EmbeddedCluster cluster, RunClient client, ScenarioLoader loader,
      Scenario scenario) {
    List<CommandResult> out = new ArrayList<>();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream logStream = new PrintStream(log, false, StandardCharsets.UTF_8);
    LogPrinter printer = new LogPrinter(logStream,
        scenario.machines().stream().map(MachineConfig::name).toList());
    try (Simulation sim = Simulation.on(cluster, client, scenario, loader)) {
      RunReply.Paused last = null;
      while (last == null || last.now() < scenario.durationNs()) {
        last = client.runUntil(scenario.durationNs(), o -> {
          if (o.output() instanceof CommandResult r) {
            out.add(r);
          } else if (o.output() instanceof KernelLog k) {
            printer.print(k);
          }
        }, null);
      }
      long hash = client.finish(o -> {
        if (o.output() instanceof KernelLog k) {
          printer.print(k);
        }
      }).traceHash();
      logStream.flush();
      return new ScenarioRun(out, hash, sim.started().entitiesPerNode(),
          log.toString(StandardCharsets.UTF_8));
    }
  }

  /** What {@code line} printed on {@code machine} (the last time it ran); it must have succeeded. */
  String stdout(String machine, String line) {
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

  /**
   * What the timeline printed: every command that wrote something or failed, in the order it
   * finished (silent successes, such as thousands of {@code tc class add}, are left out).
   */
  String transcript() {
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
  void assertGolden(String scenarioFile) {
    io.smpsim.app.GoldenLog.assertMatches(io.smpsim.app.GoldenLog.repoRoot()
        .resolve(scenarioFile.replaceAll("\\.conf$", ".out")), transcript());
  }

  /** Commands that exited non-zero. */
  List<CommandResult> failures() {
    return commands.stream().filter(r -> r.exit() != 0).toList();
  }

  /** The first group of {@code regex} in {@code text}, as a number. */
  static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), () -> "no " + regex + " in\n" + text);
    return Long.parseLong(m.group(1));
  }
}

package io.smpsim.app.cli;

import io.smpsim.app.run.Runner;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code smpsim run SCENARIO}: runs a scenario to its end. */
@Command(name = "run", description = "Run a scenario; the kernel log goes to stdout.",
    mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (HOCON).")
  Path scenario;

  @Option(names = "--seed", paramLabel = "N", description = "Override the scenario's seed.")
  Long seed;

  @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
      description = "In-JVM cluster nodes (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--duration", paramLabel = "D",
      description = "Override the scenario's duration (10s, 500ms, 1h...).")
  String duration;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Write summary.json, dmesg-<machine>.log and commands.log here.")
  Path out;

  @Override
  public Integer call() {
    return Main.guard(() -> {
      Main.checkNodes(nodes);
      ScenarioLoader loader = new ScenarioLoader();
      Scenario sc = loader.load(scenario, seed, Main.duration(duration));
      new Runner(loader).run(sc, nodes, System.out, System.err, out);
      return ExitCodes.OK;
    });
  }
}

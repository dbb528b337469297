package io.smpsim.app.cli;

import io.smpsim.app.run.Checkpointing;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioException;
import io.smpsim.app.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code smpsim run SCENARIO}: runs a scenario to its end. */
@Command(name = "run", description = "Run a scenario; the kernel log and the timeline's commands with"
    + " their output go to stdout (--quiet: the kernel log alone).",
    mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (HOCON).")
  Path scenario;

  @Option(names = "--seed", paramLabel = "N", description = "Override the scenario's seed.")
  Long seed;

  @Mixin
  ClusterOptions where;

  @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
      description = "Override the scenario's duration (10s, 500ms, 1h...).")
  Long duration;

  @Mixin
  OutputOptions output;

  @Option(names = "--checkpoint-every", paramLabel = "D", converter = DurationConverter.class,
      description = "Save the whole simulation state every D of simulated time (with"
          + " --checkpoint-dir); continue it with smpsim resume.")
  Long checkpointEvery;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR",
      description = "Where checkpoints go (a new directory, or one without checkpoints).")
  Path checkpointDir;

  @Override
  public Integer call() {
    return Main.guard(() -> {
      var target = where.target();
      Checkpointing checkpoints = checkpointing();
      ScenarioLoader loader = new ScenarioLoader();
      Scenario sc = loader.load(scenario, seed, duration);
      return RunChecks.run(sc, 0, loader, target, checkpoints, where, output);
    });
  }

  private Checkpointing checkpointing() {
    if (checkpointEvery == null && checkpointDir == null) {
      return Checkpointing.none();
    }
    if (checkpointEvery == null || checkpointDir == null) {
      throw new ScenarioException("--checkpoint-every and --checkpoint-dir go together");
    }
    if (checkpointEvery <= 0) {
      throw new ScenarioException("--checkpoint-every must be positive");
    }
    return new Checkpointing(checkpointDir, checkpointEvery, false);
  }
}

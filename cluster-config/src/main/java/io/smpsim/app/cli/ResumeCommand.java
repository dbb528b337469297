package io.smpsim.app.cli;

import io.smpsim.app.run.Checkpointing;
import io.smpsim.app.scenario.Durations;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioException;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.sim.checkpoint.CheckpointDir;
import io.smpsim.sim.checkpoint.CheckpointManifest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code smpsim resume DIR}: continues a checkpointed run from its latest checkpoint, on any
 * number of nodes, to the end the run had (or {@code --duration}). It prints and writes the
 * whole run's log — the part before the checkpoint first — and keeps taking checkpoints in DIR.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
    description = "Continue a checkpointed run from its latest checkpoint; the kernel log (the"
        + " whole run's) goes to stdout.")
public final class ResumeCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DIR", description = "The run's --checkpoint-dir.")
  Path dir;

  @Mixin
  ClusterOptions where;

  @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
      description = "Run to this simulated time instead of the run's own end.")
  Long duration;

  @Mixin
  OutputOptions output;

  @Override
  public Integer call() {
    return Main.guard(() -> {
      var target = where.target();
      CheckpointManifest m = CheckpointDir.latestManifest(dir);
      long end = duration != null ? duration : m.app().getLong(Checkpointing.DURATION_KEY);
      long every = m.app().getLong(Checkpointing.EVERY_KEY);
      if (end <= m.point().now()) {
        throw new ScenarioException("--duration " + Durations.format(end) + ": the checkpoint"
            + " is already at " + Durations.format(m.point().now()) + "; resume it to a later"
            + " time");
      }
      ScenarioLoader loader = new ScenarioLoader();
      Scenario sc = loader.load(m.spec().source(), m.spec().origin(), m.spec().seed(), end);
      return RunChecks.run(sc, m.point().now(), loader, target,
          new Checkpointing(dir, every, true), where, output);
    });
  }
}

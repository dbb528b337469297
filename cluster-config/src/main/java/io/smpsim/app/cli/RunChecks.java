package io.smpsim.app.cli;

import io.smpsim.app.cluster.MetricsEndpoint;
import io.smpsim.app.cluster.RunTarget;
import io.smpsim.app.run.Checkpointing;
import io.smpsim.app.run.RunSummary;
import io.smpsim.app.scenario.Durations;
import io.smpsim.app.scenario.RunCost;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioException;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.kernel.TimelineCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code run} and {@code resume} say about a scenario before it starts: what a very long
 * run will cost (refused above {@link RunCost#LIMIT_WALL_SECONDS} unless
 * {@code --allow-long-run}), and the timeline entries a shortened {@code --duration} leaves out;
 * and after it, the timeline commands that did not exit as expected. {@link #run} is the run
 * between the two, as both commands carry it out.
 */
final class RunChecks {

  private RunChecks() {}

  /**
   * Runs {@code scenario} from {@code fromNs} as {@code run} and {@code resume} do: checked
   * ({@link #before}), with the output directory and the metrics endpoint their options ask
   * for, printing on stdout and stderr; returns the exit code {@link #after} gives.
   */
  static int run(Scenario scenario, long fromNs, ScenarioLoader loader, RunTarget target,
      Checkpointing checkpoints, ClusterOptions where, OutputOptions output) {
    before(scenario, fromNs, output.allowLongRun, System.err);
    Path out = output.prepare();
    MetricsEndpoint metrics = where.metrics();
    RunSummary summary;
    try {
      summary = output.runner(loader).run(scenario, target, checkpoints, where.showPlacement,
          System.out, System.err, out);
    } finally {
      if (metrics != null) {
        metrics.close();
      }
    }
    return after(summary, System.err);
  }

  /**
   * Checks {@code scenario}'s run from {@code fromNs} to its end, warning on {@code err}.
   *
   * @throws ScenarioException (exit 2) if the run is estimated above the limit
   */
  static void before(Scenario scenario, long fromNs, boolean allowLongRun, PrintStream err) {
    RunCost cost = RunCost.estimate(scenario, fromNs);
    if (cost.overLimit() && !allowLongRun) {
      throw new ScenarioException(scenario.origin() + ": duration = "
          + Durations.format(scenario.durationNs()) + ": " + cost.describe() + "; runs estimated"
          + " above " + (long) (RunCost.LIMIT_WALL_SECONDS / 3600) + " h are refused: shorten it"
          + " (--duration), or pass --allow-long-run");
    }
    if (cost.warn()) {
      err.println("smpsim: warning: " + scenario.origin() + " runs " + cost.describe()
          + " (Ctrl-C stops it)");
    }
    List<TimelineCommand> left = ScenarioLoader.beyondEnd(scenario);
    if (!left.isEmpty()) {
      err.println("smpsim: warning: " + left.size() + " timeline "
          + (left.size() == 1 ? "entry is" : "entries are") + " at or after the end of the run ("
          + Durations.format(scenario.durationNs()) + ") and will not run (the first: "
          + left.get(0).origin() + ", at " + Durations.format(left.get(0).atNs()) + ")");
    }
    err.flush();
  }

  /**
   * What a finished run exits with: {@link ExitCodes#OK}, or {@link ExitCodes#UNEXPECTED} with a
   * summary on {@code err} when timeline commands did not exit as their entries expected.
   */
  static int after(RunSummary summary, PrintStream err) {
    List<String> unexpected = summary.unexpected();
    if (unexpected.isEmpty()) {
      return ExitCodes.OK;
    }
    System.out.flush();
    err.println("smpsim: " + unexpected.size() + " timeline command"
        + (unexpected.size() == 1 ? " did" : "s did") + " not exit as expected (mark a"
        + " deliberate error with expect = fail, or expect = N for its status):");
    for (String u : unexpected) {
      err.println("  " + u);
    }
    err.flush();
    return ExitCodes.UNEXPECTED;
  }
}

package io.smpsim.app.cli;

import io.smpsim.app.run.Runner;
import io.smpsim.app.scenario.ScenarioLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a run's files go, and what a run may cost: the options {@code run} and {@code resume} share. */
public final class OutputOptions {

  @Option(names = "--out", paramLabel = "DIR",
      description = "Write summary.json, dmesg-<machine>.log, commands.log and the report"
          + " (report.html, cpu-states.csv, cpu-interrupts.csv, events.csv, qdisc.csv) here (a"
          + " new or empty directory).")
  Path out;

  @Option(names = "--force",
      description = "With --out: write into a directory that is not empty, replacing an earlier"
          + " run's files there.")
  boolean force;

  @Option(names = "--allow-long-run",
      description = "Run even when the run is estimated to take more than a day of wall time.")
  boolean allowLongRun;

  @Option(names = {"-q", "--quiet"},
      description = "Print the kernel log alone: not the timeline's commands and their output,"
          + " no progress line (failed commands are still noted on stderr).")
  boolean quiet;

  /** A runner that prints as these options ask. */
  Runner runner(ScenarioLoader loader) {
    return new Runner(loader).console(!quiet).quiet(quiet);
  }

  /** The output directory, checked and made ready ({@link OutputDir}), or null. */
  Path prepare() {
    OutputDir.prepare(out, force);
    return out;
  }
}

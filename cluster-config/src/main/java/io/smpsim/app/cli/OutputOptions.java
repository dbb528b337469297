package io.smpsim.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a run's files go, and what a run may cost: the options {@code run} and {@code resume} share. */
public final class OutputOptions {

  @Option(names = "--out", paramLabel = "DIR",
      description = "Write summary.json, dmesg-<machine>.log and commands.log here (a new or"
          + " empty directory).")
  Path out;

  @Option(names = "--force",
      description = "With --out: write into a directory that is not empty, replacing an earlier"
          + " run's files there.")
  boolean force;

  @Option(names = "--allow-long-run",
      description = "Run even when the run is estimated to take more than a day of wall time.")
  boolean allowLongRun;

  /** The output directory, checked and made ready ({@link OutputDir}), or null. */
  Path prepare() {
    OutputDir.prepare(out, force);
    return out;
  }
}

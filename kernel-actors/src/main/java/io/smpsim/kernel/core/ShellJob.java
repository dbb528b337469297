package io.smpsim.kernel.core;

import io.smpsim.sim.SimMessage;

/**
 * One command being carried out. A job may finish at once or send requests into the machine and
 * finish when the replies arrive. Jobs are plain objects with explicit state (no stored lambdas),
 * so a checkpoint can capture one in flight.
 */
public interface ShellJob {

  /** Starts the job; it finishes through {@link JobContext#finish}, now or later. */
  void start(JobContext jc);

  /** A reply addressed to this job. */
  default void onReply(JobContext jc, SimMessage body) {}

  /** A job that is over as soon as it starts. */
  record Done(int exit, String stdout, String stderr) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      jc.finish(exit, stdout, stderr);
    }
  }

  /** A command that fails with one line on stderr. */
  record Failure(int exit, String message) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      jc.fail(exit, message);
    }
  }
}

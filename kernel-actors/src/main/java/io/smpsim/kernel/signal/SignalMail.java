package io.smpsim.kernel.signal;

import io.smpsim.sim.SimMessage;
import java.util.BitSet;

/** The messages of a signal's delivery to a task on some CPU (kernel/signal.c). */
public final class SignalMail {

  private SignalMail() {}

  /**
   * kill(2) of {@code pid} with {@code signo} for shell job {@code job}: is the task on this
   * CPU's runqueue? {@code left} counts the CPUs still to look on, this one included.
   */
  public record Deliver(long job, int pid, int signo, int left) implements SimMessage {}

  /** What became of the signal. */
  public enum Outcome {
    /** No CPU has the task. */
    NO_SUCH_PROCESS,
    /** The task has it, and it changes nothing (ignored, or signal 0). */
    IGNORED,
    /** The task exited. */
    TERMINATED,
    /** The task stopped. */
    STOPPED
  }

  /**
   * The answer to the job: the task was on {@code cpu} (-1 if nowhere) with the CPU affinity
   * {@code allowed} (null: every CPU; a stopped task keeps it off the runqueues); {@code kick}:
   * it was running there, so the sender's CPU sends that CPU a RESCHEDULE IPI (kick_process()).
   */
  public record Delivered(int pid, int cpu, Outcome outcome, boolean kick, BitSet allowed)
      implements SimMessage {}
}

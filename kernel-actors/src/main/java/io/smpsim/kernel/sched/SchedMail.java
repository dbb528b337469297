package io.smpsim.kernel.sched;

import io.smpsim.sim.SimMessage;
import java.util.BitSet;

/** The messages of a new task's placement (kernel/sched/core.c wake_up_new_task). */
public final class SchedMail {

  private SchedMail() {}

  /**
   * select_task_rq() for a task of shell job {@code job} (forked, continued after a stop, or
   * moved by its affinity): is this CPU idle? {@code left} counts the CPUs still to try, this
   * one included; {@code allowed} are the CPUs the task may run on (null: every CPU);
   * {@code best} is the least busy CPU tried so far that may take it ({@code bestLoad} tasks
   * runnable there), or -1.
   */
  public record Place(long job, int left, BitSet allowed, int best, int bestLoad)
      implements SimMessage {

    /** The first ask: no CPU tried yet. */
    public Place(long job, int left, BitSet allowed) {
      this(job, left, allowed, -1, Integer.MAX_VALUE);
    }
  }

  /** The task goes to {@code cpu} (-1: no CPU tried may take it). */
  public record Placed(int cpu) implements SimMessage {}

  /**
   * sched_getaffinity() (with {@code set} null) or sched_setaffinity() of the task {@code pid}
   * of shell job {@code job}, asked of the CPU that has it: a new mask without that CPU takes
   * the task off its runqueue, to be placed again; {@code left} counts the CPUs still to ask.
   */
  public record Affinity(long job, int pid, int left, BitSet set) implements SimMessage {}

  /**
   * Task {@code pid} is on CPU {@code cpu} (-1: on no runqueue, stopped) with the mask
   * {@code allowed} (null: every CPU) it had before, and {@code left} that CPU for a new mask.
   */
  public record AffinityOf(int pid, int cpu, BitSet allowed, boolean left)
      implements SimMessage {}
}

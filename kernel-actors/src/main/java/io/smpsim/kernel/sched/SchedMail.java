package io.smpsim.kernel.sched;

import io.smpsim.sim.SimMessage;

/** The messages of a new task's placement (kernel/sched/core.c wake_up_new_task). */
public final class SchedMail {

  private SchedMail() {}

  /**
   * select_task_rq() for a task of shell job {@code job} (forked, or continued after a stop):
   * can this CPU take it? {@code left} counts the CPUs still to try, this one included.
   */
  public record Place(long job, int left) implements SimMessage {}

  /** The task goes to {@code cpu} (-1: every CPU tried is busy). */
  public record Placed(int cpu) implements SimMessage {}
}

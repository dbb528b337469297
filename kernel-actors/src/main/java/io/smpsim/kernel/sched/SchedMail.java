package io.smpsim.kernel.sched;

import io.smpsim.sim.SimMessage;

/** The messages of a new task's placement (kernel/sched/core.c wake_up_new_task). */
public final class SchedMail {

  private SchedMail() {}

  /**
   * select_task_rq() for a forked task of shell job {@code job}: can this CPU take it? {@code
   * hops} counts the CPUs that could not (busy or offline).
   */
  public record Place(long job, int hops) implements SimMessage {}

  /** The task goes to {@code cpu} (-1: every CPU is busy). */
  public record Placed(int cpu) implements SimMessage {}
}

package io.smpsim.kernel.sched;

import io.smpsim.sim.SimMessage;
import java.util.BitSet;

/** The messages of a new task's placement (kernel/sched/core.c wake_up_new_task). */
public final class SchedMail {

  private SchedMail() {}

  /**
   * select_task_rq() for a task of shell job {@code job} (forked, continued after a stop, or
   * moved by its affinity): can this CPU take it? {@code left} counts the CPUs still to try, this
   * one included; {@code allowed} are the CPUs the task may run on (null: every CPU).
   */
  public record Place(long job, int left, BitSet allowed) implements SimMessage {}

  /** The task goes to {@code cpu} (-1: every CPU tried is busy). */
  public record Placed(int cpu) implements SimMessage {}

  /**
   * The task {@code pid} of shell job {@code job} gets the affinity {@code keep}: it leaves the
   * runqueue it is on, to be placed again, unless {@code keep} has that CPU; {@code left}
   * counts the CPUs still to ask.
   */
  public record Detach(long job, int pid, int left, BitSet keep) implements SimMessage {}

  /** Task {@code pid} is on CPU {@code cpu} (-1: no CPU had it), and {@code left} it or not. */
  public record Detached(int pid, int cpu, boolean left) implements SimMessage {}
}

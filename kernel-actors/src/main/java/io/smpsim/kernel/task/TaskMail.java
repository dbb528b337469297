package io.smpsim.kernel.task;

import io.smpsim.sim.SimMessage;

/** Kernel messages about tasks smpsim injects, delivered to the CPU they concern. */
public final class TaskMail {

  private TaskMail() {}

  /** A task was woken onto this CPU's runqueue (its RESCHEDULE IPI follows). */
  public record Wake(CpuTask task) implements SimMessage {}

  /** The task with this pid has spun as long as it was told to. */
  public record Done(int pid) implements SimMessage {}

  /** The lock this CPU's task waits for was released by the CPU holding it. */
  public record LockReleased(int holderCpu) implements SimMessage {}

  /** A kernel debugger attaches to (or detaches from) this CPU's NMI path. */
  public record Debugger(boolean attach) implements SimMessage {}
}

package io.smpsim.kernel.task;

import io.smpsim.sim.serialization.WireMessage;
import java.util.BitSet;

/**
 * A kernel thread smpsim injects, bound to one CPU: what it is called and what it does.
 *
 * @param comm its name ({@code current->comm})
 * @param pid its pid
 * @param kind what it does
 * @param runNs how long it spins once running, or -1 for ever
 * @param lockHolder for a {@link TaskKind#SPINLOCK_WAIT}: the CPU holding the lock, else -1
 * @param callers the call trace below the spinning function, one frame a line, for a task
 *     that is no injected kernel thread (a sender spinning in __dev_queue_xmit()); null: the
 *     injected thread's frames
 * @param allowed the CPUs it may run on ({@code p->cpus_mask}), or null for every CPU
 */
public record CpuTask(String comm, int pid, TaskKind kind, long runNs, int lockHolder,
    String callers, BitSet allowed) implements WireMessage {

  /** An injected kernel thread. */
  public CpuTask(String comm, int pid, TaskKind kind, long runNs, int lockHolder) {
    this(comm, pid, kind, runNs, lockHolder, null, null);
  }

  /** A task with its own call trace, which may run on every CPU. */
  public CpuTask(String comm, int pid, TaskKind kind, long runNs, int lockHolder,
      String callers) {
    this(comm, pid, kind, runNs, lockHolder, callers, null);
  }

  /** The same task with the CPU affinity {@code allowed} (null: every CPU). */
  public CpuTask withAllowed(BitSet allowed) {
    return new CpuTask(comm, pid, kind, runNs, lockHolder, callers, allowed);
  }

  /**
   * Whether the task is a user-space loop without end: CFS shares a CPU between such tasks in
   * slices, and a woken kernel task or shell preempts one.
   */
  public boolean timeSliced() {
    return kind == TaskKind.USER_LOOP && runNs < 0;
  }

  /** Whether the task keeps the CPU with interrupts disabled. */
  public boolean irqsOff() {
    return !kind.irqsOn();
  }
}

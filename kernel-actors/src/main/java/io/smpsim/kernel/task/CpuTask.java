package io.smpsim.kernel.task;

import io.smpsim.sim.serialization.WireMessage;

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
 */
public record CpuTask(String comm, int pid, TaskKind kind, long runNs, int lockHolder,
    String callers) implements WireMessage {

  /** An injected kernel thread. */
  public CpuTask(String comm, int pid, TaskKind kind, long runNs, int lockHolder) {
    this(comm, pid, kind, runNs, lockHolder, null);
  }

  /** Whether the task keeps the CPU with interrupts disabled. */
  public boolean irqsOff() {
    return !kind.irqsOn();
  }
}

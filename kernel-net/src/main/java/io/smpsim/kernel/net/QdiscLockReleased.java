package io.smpsim.kernel.net;

/**
 * Task {@code pid}, which may hold a qdisc root lock, left its CPU: the lock is free. The CPU
 * tells the {@link Netns} (the roots of virtual devices), which passes the same message on to
 * every {@link NetdevTxQueue} (the roots of the NICs' queues).
 */
public record QdiscLockReleased(int pid) implements Netns.Command, NetdevTxQueue.Command {
  @Override
  public long traceId() {
    return pid;
  }
}

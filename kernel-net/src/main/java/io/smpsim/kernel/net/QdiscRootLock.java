package io.smpsim.kernel.net;

import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.sched.Qdisc;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The root locks of a namespace's qdiscs ({@code qdisc_lock(root)}, the spinlock
 * {@code __dev_xmit_skb()} takes around enqueue and {@code qdisc_run()}; net/core/dev.c): a
 * root shared by every TX queue of a device (a non-mq root) is one lock, each TX queue's qdisc
 * under mq is its own. Only held locks are kept: a lock held by a CPU that is stuck with it
 * makes every sender to that root spin on its own CPU (the waiters, served in arrival order as
 * qspinlock's queue does) until the holder lets go.
 */
final class QdiscRootLock {

  /** A sender spinning for the lock: its CPU and the packet it brings to __dev_queue_xmit. */
  record Waiter(int cpu, NetDevice device, Packet packet) {}

  /** Who holds a root's lock: its CPU and task, and who spins for it. */
  static final class Held {
    final int cpu;
    final int pid;
    final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /**
     * A run of the root (NET_TX, its watchdog, a woken queue) came while it was held: the
     * device and TX queue to run once the lock is free, or null.
     */
    NetDevice rescheduled;
    int rescheduledTxq;

    Held(int cpu, int pid) {
      this.cpu = cpu;
      this.pid = pid;
    }
  }

  /** The held locks, by root qdisc; looked up, never iterated for output. */
  private final Map<Qdisc, Held> held = new IdentityHashMap<>();

  /** Who holds {@code root}'s lock, or null when it is free. */
  Held holder(Qdisc root) {
    return held.get(root);
  }

  /** Task {@code pid} on {@code cpu} takes {@code root}'s lock; false if it is already held. */
  boolean take(Qdisc root, int cpu, int pid) {
    if (held.containsKey(root)) {
      return false;
    }
    held.put(root, new Held(cpu, pid));
    return true;
  }

  /** The lock task {@code pid} holds is released: who held it, or null if it held none. */
  Held release(int pid) {
    Qdisc root = null;
    for (Map.Entry<Qdisc, Held> e : held.entrySet()) {
      if (e.getValue().pid == pid) {
        root = e.getKey();
      }
    }
    return root == null ? null : held.remove(root);
  }
}

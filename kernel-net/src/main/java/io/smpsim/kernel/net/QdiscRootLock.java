package io.smpsim.kernel.net;

import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.sched.Qdisc;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The root locks of the qdiscs one entity runs ({@code qdisc_lock(root)}, the spinlock
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
    final Qdisc root;
    final int cpu;
    final int pid;
    final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /**
     * A run of the root (NET_TX, its watchdog, a woken queue) came while it was held: the
     * device and TX queue to run once the lock is free, or null.
     */
    NetDevice rescheduled;
    int rescheduledTxq;

    Held(Qdisc root, int cpu, int pid) {
      this.root = root;
      this.cpu = cpu;
      this.pid = pid;
    }
  }

  /**
   * The held locks, in the order they were taken (a handful at most: a lock is held across
   * events only by an injected holder).
   */
  private final List<Held> held = new ArrayList<>();

  /** Who holds {@code root}'s lock, or null when it is free. */
  Held holder(Qdisc root) {
    for (Held h : held) {
      if (h.root == root) {
        return h;
      }
    }
    return null;
  }

  /** Task {@code pid} on {@code cpu} takes {@code root}'s lock; false if it is already held. */
  boolean take(Qdisc root, int cpu, int pid) {
    if (holder(root) != null) {
      return false;
    }
    held.add(new Held(root, cpu, pid));
    return true;
  }

  /** The lock task {@code pid} holds is released: who held it, or null if it held none. */
  Held release(int pid) {
    for (int i = 0; i < held.size(); i++) {
      if (held.get(i).pid == pid) {
        return held.remove(i);
      }
    }
    return null;
  }
}

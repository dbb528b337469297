package io.smpsim.kernel.net;

import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.sched.Qdisc;
import java.util.ArrayList;
import java.util.List;

/**
 * The RUNNING state of the roots one entity runs, and the short holds of their root locks, in
 * simulated time. 6.1's qdisc_run_begin() sets {@code __QDISC_STATE2_RUNNING} in the root's
 * {@code state2} (include/net/sch_generic.h): the CPU that sets it runs {@code __qdisc_run()}
 * and any other CPU that enqueues meanwhile finds it set and leaves its packet to that CPU
 * (net/core/dev.c __dev_xmit_skb()). The runner holds the root lock only around each dequeue:
 * sch_direct_xmit() (net/sched/sch_generic.c) drops it for the driver's ndo_start_xmit() under
 * HARD_TX_LOCK and retakes it for the next dequeue, so an enqueuer on another CPU waits at most
 * for one dequeue (or one other enqueue), never for a driver transmit.
 *
 * <p>Kept per root as a short list (an entity runs one root, or a few under virtual devices);
 * a root replaced by {@code tc} leaves its entry behind until the next run starts.
 */
final class QdiscRunning {

  /** One root's state: who runs it, until when, and when its root lock is free again. */
  static final class Run {
    final Qdisc root;
    /** The device and TX queue the run serves (for a shared root, the queue that started it). */
    NetDevice device;
    int txq;
    /** The CPU running {@code __qdisc_run()}, or the last one that did. */
    int cpu = -1;
    /**
     * When the runner's last driver transmit returns and it retakes the lock: until then the
     * root is RUNNING even with nothing more to dequeue.
     */
    long until;
    /** A qdisc_restart() of the runner is scheduled at {@link #until}. */
    boolean restartPending;
    /** Packets left of the runner's quota (dev_tx_weight) before it leaves the rest to NET_TX. */
    int quota;
    /** When the last short hold of the root lock (an enqueue, a dequeue) ends. */
    long lockFreeAt;

    Run(Qdisc root) {
      this.root = root;
    }

    /** Whether qdisc_run_begin() fails at {@code now}: a CPU is running the root. */
    boolean running(long now) {
      return restartPending || now < until;
    }
  }

  private final List<Run> runs = new ArrayList<>();

  /** {@code root}'s state, created (and stale entries dropped) on first use. */
  Run of(Qdisc root, long now) {
    for (Run r : runs) {
      if (r.root == root) {
        return r;
      }
    }
    runs.removeIf(r -> !r.running(now) && r.lockFreeAt <= now);
    Run r = new Run(root);
    runs.add(r);
    return r;
  }

  /**
   * The run of TX queue {@code txq} of {@code d} whose restart is lost with the root it ran (a
   * root replaced meanwhile): it ends.
   */
  void forget(NetDevice d, int txq) {
    runs.removeIf(r -> r.restartPending && r.device == d && r.txq == txq
        && d.txQueue(txq).qdisc() != r.root);
  }

  /** {@code root}'s state if it has one. */
  Run find(Qdisc root) {
    for (Run r : runs) {
      if (r.root == root) {
        return r;
      }
    }
    return null;
  }
}

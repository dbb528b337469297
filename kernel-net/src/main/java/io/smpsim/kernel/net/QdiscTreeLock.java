package io.smpsim.kernel.net;

import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetNamespace;
import io.smpsim.kernel.net.sched.NetdevQueue;
import io.smpsim.kernel.net.sched.Qdisc;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code qdisc_tree_lock}, the rwlock over the qdisc lists of the 2.6 kernels (net/sched/
 * sch_generic.c), and the RCU callbacks that took it from softirq while qdisc destruction lived
 * in one (the quirk qdisc-destroy-in-rcu, museum S47). Part of rtnetlink's state: only a machine
 * with the quirk keeps any.
 *
 * <p>With the quirk, {@code qdisc_destroy()} unlinks the qdisc and leaves the rest to
 * {@code call_rcu(&qdisc->q_rcu, __qdisc_destroy)}: the callback runs on the CPU that queued it
 * once a grace period is over, in RCU's softirq at that CPU's tick, and does
 * {@code write_lock(&qdisc_tree_lock)} before ops->reset() and ops->destroy(). A tree walk in
 * process context, such as {@code tc_dump_qdisc()} for {@code tc qdisc show}, holds the lock
 * with {@code read_lock()}, bottom halves on ("this lock is used only in process context", said
 * the comment over the lock). When the tick that runs the callback comes while the dump on the
 * same CPU holds the read side, the softirq spins for the writer's turn on top of the reader it
 * interrupted, which never runs again: the CPU is stuck in softirq with interrupts on, a soft
 * lockup, and the dump never returns. Patrick McHardy's "[NET_SCHED]: Fix fallout from
 * dev->qdisc RCU change" (2.6.19, 2.6.18.1) moved the destruction back to process context,
 * under RTNL, leaving only the kfree() to the callback: nothing takes the lock from softirq any
 * more, which is the kernel without the quirk. At that fix's parent (2.6.18) the readers of
 * qdisc_tree_lock itself already used read_lock_bh() (the fix turned them back into read_lock());
 * the self-deadlocks its message names were left on the locks of the inner qdiscs, classifiers,
 * actions and estimators the callback destroyed (such as act_police's police_lock: write_lock_bh()
 * from the callback, read_lock() in tcf_police_lookup()). smpsim has no classifiers or actions,
 * so its quirk is the same deadlock on qdisc_tree_lock, with readers that take it as the
 * assumption the message names ("read_lock doesn't need bottom half protection"): read_lock().
 *
 * <p>The model: a grace period is two jiffies (classic RCU: the batch a callback joins starts at
 * the next tick, every CPU passes its quiescent state by the tick after, and the RCU tasklet of
 * the queuing CPU runs the callback from that tick; kernel/rcupdate.c). A dump holds the read
 * side from when it runs for {@link #FILL_QDISC_NS} per qdisc it dumps, as one section: the
 * lock dropped between two netlink_dump() rounds of a long dump (one skb each) is not
 * modelled, nor the other readers (qdisc_lookup(), tc_dump_tclass()), which hold it briefly.
 */
final class QdiscTreeLock {

  /**
   * What tc_fill_qdisc() costs a dump under the read lock, per qdisc: the netlink message with
   * the kind, options and the gnet_stats copies.
   */
  static final long FILL_QDISC_NS = 1_000;

  /** Jiffies from call_rcu() to the tick whose RCU softirq runs the callback. */
  static final int GRACE_PERIOD_JIFFIES = 2;

  /**
   * Where the RCU softirq spins: the writer's wait in the queued rwlock's slow path (the task
   * kind the shell gives the dump's task has the same rip and prints the frames).
   */
  static final String WRITE_LOCK_RIP = "queued_write_lock_slowpath+0x6b/0x90";

  private final long tickNs;
  /** Per CPU, when each __qdisc_destroy() callback it queued is due (a sorted multiset). */
  private final TreeMap<Integer, List<Long>> pending = new TreeMap<>();

  QdiscTreeLock(long tickNs) {
    this.tickNs = tickNs;
  }

  /** Every qdisc grafted on a device of {@code ns} (what qdisc_destroy() could destroy). */
  static Set<Qdisc> qdiscs(NetNamespace ns) {
    Set<Qdisc> all = Collections.newSetFromMap(new IdentityHashMap<>());
    for (NetDevice d : ns.devices()) {
      for (int i = 0; i < d.numTxQueues(); i++) {
        all.addAll(d.txQueue(i).qdiscSleeping().subtree());
      }
      NetdevQueue in = d.ingressQueue();
      if (in != null) {
        all.addAll(in.qdiscSleeping().subtree());
      }
    }
    return all;
  }

  /**
   * A command on CPU {@code cpu} ran at {@code now}: if it destroyed a qdisc of {@code before}
   * (one not builtin that {@code after} no longer has), its qdisc_destroy() queued
   * __qdisc_destroy() on that CPU.
   */
  void commandRan(int cpu, long now, Set<Qdisc> before, Set<Qdisc> after) {
    for (Qdisc q : before) {
      if (!after.contains(q) && !q.hasFlag(Qdisc.TCQ_F_BUILTIN)) {
        long due = (now / tickNs + GRACE_PERIOD_JIFFIES) * tickNs;
        List<Long> l = pending.computeIfAbsent(cpu, c -> new ArrayList<>());
        l.add(due);
        Collections.sort(l);
        return;
      }
    }
  }

  /**
   * A dump of {@code qdiscs} qdiscs on CPU {@code cpu} takes the read side at {@code now}: the
   * callbacks due before ran and are gone; if one falls due while the dump holds the lock,
   * when its softirq starts spinning (the CPU is stuck from then on), else -1.
   */
  long readLocked(int cpu, long now, int qdiscs) {
    List<Long> l = pending.get(cpu);
    if (l == null) {
      return -1;
    }
    while (!l.isEmpty() && l.get(0) < now) {
      l.remove(0);
    }
    if (l.isEmpty()) {
      pending.remove(cpu);
      return -1;
    }
    long due = l.get(0);
    return due < now + qdiscs * FILL_QDISC_NS ? due : -1;
  }
}

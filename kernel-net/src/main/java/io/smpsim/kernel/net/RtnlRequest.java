package io.smpsim.kernel.net;

import io.smpsim.kernel.net.sched.ClassDump;
import io.smpsim.kernel.net.sched.QStats;
import io.smpsim.kernel.net.sched.Qdisc;
import io.smpsim.kernel.net.sched.QdiscDump;
import io.smpsim.kernel.net.sched.QdiscOwners;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@code ip}/{@code tc} command rtnetlink (the {@link Netns}) has sent to the machine's TX
 * queue entities and waits on: the command, its own answer when it already ran it, and what the
 * queues answered. For a dump it is also where the printed dumps of the queues' qdiscs and
 * classes come from: the owner's dump of each, and for {@code mq} the sum of its children (as
 * mq_dump() and mq_dump_class_stats() sum them under each child's lock).
 */
final class RtnlRequest implements QdiscOwners {

  /** A qdisc's identity in the dumps: its device, handle and parent (mq's children share 0:). */
  private record Key(int ifindex, int handle, int parent) {}

  final Netns.Exec exec;
  /** The answer of rtnetlink's own run, or {@code null} for a dump (it runs once all answered). */
  final NetCommandResult own;
  final boolean dump;
  private int waiting;
  /** Where a queue's run of the command loops (the lowest queue's), or {@code null}. */
  private String spin;
  private int spinQueue = Integer.MAX_VALUE;
  private final Map<Key, QdiscDump> qdiscs = new HashMap<>();
  private final Map<Key, ClassDump> classes = new HashMap<>();
  /** Per NIC device ifindex, the TX counters the queues answered, summed. */
  private final Map<Integer, long[]> tx = new HashMap<>();

  RtnlRequest(Netns.Exec exec, NetCommandResult own, boolean dump, int waiting) {
    this.exec = exec;
    this.own = own;
    this.dump = dump;
    this.waiting = waiting;
  }

  /** A queue's answer for its NIC device {@code ifindex}; whether every queue has answered. */
  boolean answered(Netns.RtnlDone d, int ifindex) {
    if (d.spin() != null && d.queue() < spinQueue) {
      spin = d.spin();
      spinQueue = d.queue();
    }
    for (QdiscDump q : d.qdiscs()) {
      qdiscs.put(new Key(q.ifindex(), q.handle(), q.parent()), q);
    }
    for (ClassDump c : d.classes()) {
      classes.put(new Key(c.ifindex(), c.handle(), c.parent()), c);
    }
    long[] t = tx.computeIfAbsent(ifindex, k -> new long[3]);
    t[0] += d.txPackets();
    t[1] += d.txBytes();
    t[2] += d.txDropped();
    return --waiting == 0;
  }

  /** Where a queue's run loops for ever, or {@code null}. */
  String spin() {
    return spin;
  }

  /** The summed TX counters of each NIC device, by ifindex. */
  Map<Integer, long[]> tx() {
    return tx;
  }

  @Override
  public QdiscDump qdisc(Qdisc q, QdiscDump local) {
    if (q.hasFlag(Qdisc.TCQ_F_MQROOT)) {
      QStats sum = QStats.zero();
      for (int i = 0; i < q.dev().numTxQueues(); i++) {
        QdiscDump c = dumpOf(q.dev().txQueue(i).qdiscSleeping());
        if (c != null) {
          sum = add(sum, c.stats());
        }
      }
      QStats l = local.stats();
      sum = new QStats(sum.bytes(), sum.packets(), sum.drops(), sum.overlimits(),
          sum.requeues(), sum.backlog(), sum.qlen(), l.hasRateEst(), l.bps(), l.pps());
      return new QdiscDump(local.ifindex(), local.handle(), local.parent(), local.refcnt(),
          local.kind(), local.options(), local.stab(), sum, local.xstats(),
          local.ingressBlock(), local.egressBlock());
    }
    return qdiscs.get(new Key(local.ifindex(), local.handle(), local.parent()));
  }

  @Override
  public ClassDump tclass(Qdisc q, int cl, ClassDump local) {
    if (q.hasFlag(Qdisc.TCQ_F_MQROOT)) {
      QdiscDump c = dumpOf(q.clLeaf(cl));
      return c == null ? null : new ClassDump(local.ifindex(), local.parent(), local.handle(),
          local.info(), local.kind(), local.options(), c.stats(), local.xstats());
    }
    return classes.get(new Key(local.ifindex(), local.handle(), local.parent()));
  }

  /** What the queues answered for {@code q}, or null (a builtin qdisc has no device, no owner). */
  private QdiscDump dumpOf(Qdisc q) {
    return q == null || q.dev() == null ? null
        : qdiscs.get(new Key(q.dev().ifindex(), q.handle(), q.parent()));
  }

  private static QStats add(QStats a, QStats b) {
    return new QStats(a.bytes() + b.bytes(), a.packets() + b.packets(), a.drops() + b.drops(),
        a.overlimits() + b.overlimits(), a.requeues() + b.requeues(),
        a.backlog() + b.backlog(), a.qlen() + b.qlen(), false, 0, 0);
  }
}

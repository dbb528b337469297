package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.cls.TcfBlock;
import java.util.Arrays;

/**
 * One htb class (struct htb_class): its place in the tree, rate and ceil buckets in ns of
 * transmit time, its leaf qdisc (level 0) and the per-level DRR deficits and statistics, plus
 * the links that put it in the scheduler's rows, feeds and wait queue ({@link HtbRows}).
 */
public final class HtbClass implements ClassHash.Entry {

  /** htb_cmode. */
  public static final int CANT_SEND = 0;
  public static final int MAY_BORROW = 1;
  public static final int CAN_SEND = 2;

  final int classid;
  HtbClass parent;
  int children;
  int level;
  int prio;
  long quantum;
  PschedRate rate;
  PschedRate ceil;
  long buffer;
  long cbuffer;
  long mbuffer;
  long tokens;
  long ctokens;
  long tC;
  int cmode = CAN_SEND;
  Qdisc leaf;
  final long[] deficit = new long[8];
  /** DRR pointer of this inner class's feed per prio: the next classid to serve. */
  final int[] feedPtr = new int[8];
  long bytes;
  long packets;
  long drops;
  long overlimits;
  long lends;
  long borrows;
  long giants;
  RateEstimator rateEst;
  final TcfBlock block = new TcfBlock();

  // The scheduler's links (sch_htb.c: cl->inner.clprio[].feed, cl->pq_node, cl->prio_activity).
  // They are derived state: HtbRows rebuilds them from the buckets and the leaves' queues, so a
  // checkpoint does not carry them.

  /** cl->inner.clprio[prio].feed: an inner class's children borrowing from it, per prio. */
  transient HtbIdSet[] feed;
  /** cl->prio_activity: the prios this class has something to send on. */
  transient int prioActivity;
  /** This class's number in the rows' wait queue. */
  transient int slot;
  /** Passed over in the dequeue under way: its leaf had nothing to give. */
  transient boolean skipped;

  HtbClass(int classid) {
    this.classid = classid;
  }

  /** Clears the scheduler's links and gives the class its wait-queue slot. */
  void unlink(int slot) {
    if (feed == null) {
      feed = new HtbIdSet[8];
    } else {
      Arrays.fill(feed, null);
    }
    this.slot = slot;
    prioActivity = 0;
    skipped = false;
  }

  @Override
  public int classid() {
    return classid;
  }

  public int level() {
    return level;
  }

  public HtbClass parent() {
    return parent;
  }

  public Qdisc leaf() {
    return leaf;
  }

  /** Whether a leaf with packets that this dequeue has not passed over (prio_activity). */
  boolean active() {
    return level == 0 && leaf != null && leaf.qlen() > 0 && !skipped;
  }

  /** htb_class_mode() at {@code now}: compares both buckets, refilled since t_c, with zero. */
  int modeAt(long now) {
    long diff = Math.min(now - tC, mbuffer);
    if (ctokens + diff < 0) {
      return CANT_SEND;
    }
    if (tokens + diff >= 0) {
      return CAN_SEND;
    }
    return MAY_BORROW;
  }

  /** When the mode at {@code now} will next improve (the wait-queue key), or MAX if CAN_SEND. */
  long nextEventAt(long now) {
    long diff = Math.min(now - tC, mbuffer);
    long c = ctokens + diff;
    if (c < 0) {
      return now + Math.max(1, -c);
    }
    long t = tokens + diff;
    if (t < 0) {
      return now + Math.max(1, -t);
    }
    return Long.MAX_VALUE;
  }
}

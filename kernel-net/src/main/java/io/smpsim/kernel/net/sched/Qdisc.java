package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.cls.TcfBlock;
import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.core.Packet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A queueing discipline (struct Qdisc + its Qdisc_ops and Qdisc_class_ops). Every qdisc keeps an
 * exact {@code qlen} and {@code backlog}; a subclass implements the data path (enqueue, dequeue,
 * reset), the control plane (init, change, dump) and, when classful, the class operations.
 * Methods that a kind does not implement answer as the kernel does when the op is NULL.
 */
public abstract class Qdisc {

  public static final int TCQ_F_BUILTIN = 1;
  public static final int TCQ_F_INGRESS = 2;
  public static final int TCQ_F_CAN_BYPASS = 4;
  public static final int TCQ_F_MQROOT = 8;
  public static final int TCQ_F_ONETXQUEUE = 0x10;
  public static final int TCQ_F_NOPARENT = 0x40;
  public static final int TCQ_F_INVISIBLE = 0x80;

  private final String kind;
  protected QdiscDev dev;
  protected NetdevQueue devQueue;
  protected int handle;
  protected int parent;
  protected int flags;
  protected int refcnt = 1;
  /** sch->q: the built-in packet list most kinds use. */
  protected final ArrayDeque<Packet> q = new ArrayDeque<>();
  /** sch->q.qlen. */
  protected int qlen;
  /** sch->qstats.backlog, in accounted bytes. */
  protected long backlog;
  protected long bytes;
  protected long packets;
  protected long drops;
  protected long overlimits;
  protected long requeues;
  /** sch->limit (fifos). */
  protected long limit;
  private Packet peeked;
  private SizeTable stab;
  private RateEstimator rateEst;
  private boolean destroyed;
  /** The scheduler bugs of its namespace this qdisc reproduces, a bit per SchedQuirk. */
  private int quirks;

  protected Qdisc(String kind) {
    this.kind = kind;
  }

  /** Bind to a device queue (qdisc_alloc). */
  public void attachTo(QdiscDev dev, NetdevQueue devQueue) {
    this.dev = dev;
    this.devQueue = devQueue;
  }

  /** Reproduce the historical bug {@code q} (the namespace's quirks, given at creation). */
  final void addQuirk(SchedQuirk q) {
    quirks |= 1 << q.ordinal();
  }

  /** A qdisc this one creates itself (a class's default leaf) shares its namespace's bugs. */
  final void inheritQuirks(Qdisc from) {
    quirks = from.quirks;
  }

  /** Whether this qdisc reproduces the historical bug {@code q}. */
  public final boolean quirk(SchedQuirk q) {
    return (quirks & (1 << q.ordinal())) != 0;
  }

  // ---------------------------------------------------------------- identity

  /** ops->id: the kind name tc prints. */
  public final String kind() { return kind; }
  public final int handle() { return handle; }
  public final void setHandle(int handle) { this.handle = handle; }
  public final int parent() { return parent; }
  public final void setParent(int parent) { this.parent = parent; }
  public final int flags() { return flags; }
  public final boolean hasFlag(int f) { return (flags & f) != 0; }
  public final void setFlag(int f) { flags |= f; }
  public final void clearFlag(int f) { flags &= ~f; }
  public final int refcnt() { return refcnt; }
  public final QdiscDev dev() { return dev; }
  public final NetdevQueue devQueue() { return devQueue; }
  public final int qlen() { return qlen; }
  public final long backlog() { return backlog; }
  public final long drops() { return drops; }
  public final long overlimits() { return overlimits; }
  public final long bytesSent() { return bytes; }
  public final long packetsSent() { return packets; }
  public final SizeTable stab() { return stab; }
  public final void setStab(SizeTable stab) { this.stab = stab; }
  public final RateEstimator rateEstimator() { return rateEst; }
  public final void setRateEstimator(RateEstimator e) { this.rateEst = e; }
  public final boolean isDestroyed() { return destroyed; }

  // ---------------------------------------------------------------- data path

  /** ops->enqueue: take the packet or drop it; returns a {@link NetXmit} verdict. */
  public abstract int enqueue(Packet p, long nowNs);

  /** ops->dequeue: the next packet allowed to leave at {@code nowNs}, or {@code null}. */
  protected abstract Packet doDequeue(long nowNs);

  /** The next packet, honouring a packet already taken by {@link #peek}. */
  public final Packet dequeue(long nowNs) {
    if (peeked != null) {
      Packet p = peeked;
      peeked = null;
      backlog -= p.pktLen();
      qlen--;
      return p;
    }
    return doDequeue(nowNs);
  }

  /**
   * ops->peek: the packet the next dequeue returns. The default is qdisc_peek_dequeued(): the
   * packet is dequeued (its stats counted) and parked until the real dequeue.
   */
  public Packet peek(long nowNs) {
    if (peeked == null) {
      Packet p = doDequeue(nowNs);
      if (p != null) {
        peeked = p;
        backlog += p.pktLen();
        qlen++;
      }
    }
    return peeked;
  }

  /**
   * dev_requeue_skb(): the driver's TX queue for {@code p} was stopped, so the packet just
   * dequeued goes back to the head of this (root) qdisc, counted again in qlen and backlog and
   * once in requeues; the next dequeue returns it first.
   */
  public final void requeue(Packet p) {
    if (peeked != null) {
      throw new IllegalStateException(kind + " already holds a requeued packet");
    }
    peeked = p;
    backlog += p.pktLen();
    qlen++;
    requeues++;
  }

  /**
   * ops->reset plus the generic part of qdisc_reset(): everything queued is discarded, each
   * packet freed (its socket uncharged) as __skb_queue_purge() does.
   */
  public final void reset() {
    doReset();
    if (peeked != null) {
      free(peeked);
    }
    peeked = null;
    qlen = 0;
    backlog = 0;
  }

  /** The kind's own reset; the default purges {@link #q}. */
  protected void doReset() {
    free(q);
    q.clear();
  }

  /** kfree_skb() of a packet this qdisc discards without a verdict to its sender. */
  protected final void free(Packet p) {
    if (dev != null) {
      dev.kfreeSkb(p);
    }
  }

  /** kfree_skb() of every packet of {@code ps}, in order (a purge). */
  protected final void free(Iterable<Packet> ps) {
    for (Packet p : ps) {
      free(p);
    }
  }

  /** The watchdog when this kind throttles (tbf, htb, netem ...), else {@code null}. */
  public QdiscWatchdog watchdog() {
    return null;
  }

  // ---------------------------------------------------------------- control plane

  /** ops->init with TCA_OPTIONS ({@code null} if absent). Throws to refuse, changing nothing. */
  public abstract void init(Object options, QdiscCtx ctx);

  /** Whether ops->change exists. */
  public boolean canChange() {
    return false;
  }

  /** ops->change. Throws to refuse, changing nothing. */
  public void change(Object options, QdiscCtx ctx) {
    throw new NetlinkException(Errno.EINVAL,
        "Change operation not supported by specified qdisc");
  }

  /** What ops->dump puts in TCA_OPTIONS, or {@code null} for no attribute. */
  public abstract Object dumpOptions();

  /** ops->dump_stats xstats (TCA_STATS_APP), or {@code null}. */
  public Object xstats() {
    return null;
  }

  /** Whether ops->attach exists (mq): a root that attaches its children to the TX queues. */
  public boolean hasAttach() {
    return false;
  }

  /** ops->attach. */
  public void attach() {
    throw new IllegalStateException(kind + " has no attach");
  }

  /** ops->destroy: release children and timers. The default releases nothing. */
  protected void doDestroy() {}

  /** The filter block of this qdisc (tcf_block), or {@code null} when it takes no filters. */
  public TcfBlock block(int cl) {
    return null;
  }

  // ---------------------------------------------------------------- classes

  /** Whether ops->cl_ops exists. */
  public boolean classful() {
    return false;
  }

  /** cops->find: a non-zero class cookie for {@code classid}, or 0. */
  public int clFind(int classid) {
    return 0;
  }

  /** cops->leaf: the qdisc attached to class {@code cl}. */
  public Qdisc clLeaf(int cl) {
    return null;
  }

  /** cops->graft: put {@code newQ} ({@code null}: the default) under {@code cl}; returns the old. */
  public Qdisc clGraft(int cl, Qdisc newQ, QdiscCtx ctx) {
    throw new NetlinkException(Errno.EOPNOTSUPP);
  }

  /** Whether cops->change exists. */
  public boolean clCanChange() {
    return false;
  }

  /** cops->change: create or change class {@code classid}; returns its cookie. */
  public int clChange(int classid, int parentid, TcMsg msg, int cl, QdiscCtx ctx) {
    throw new NetlinkException(Errno.EOPNOTSUPP);
  }

  /** Whether cops->delete exists. */
  public boolean clCanDelete() {
    return false;
  }

  /** cops->delete. */
  public void clDelete(int cl, QdiscCtx ctx) {
    throw new NetlinkException(Errno.EOPNOTSUPP);
  }

  /**
   * This qdisc and every qdisc grafted below it, breadth first (the tree the root of a netdev
   * queue owns). A class whose leaf is its own qdisc (direct queues) is not walked twice.
   */
  public List<Qdisc> subtree() {
    List<Qdisc> out = new ArrayList<>();
    ArrayDeque<Qdisc> pending = new ArrayDeque<>();
    pending.add(this);
    while (!pending.isEmpty()) {
      Qdisc q = pending.poll();
      out.add(q);
      if (q.classful()) {
        for (int cl : q.clWalk()) {
          Qdisc leaf = q.clLeaf(cl);
          if (leaf != null && leaf != q) {
            pending.add(leaf);
          }
        }
      }
    }
    return out;
  }

  /** cops->walk: the class cookies in dump order. */
  public List<Integer> clWalk() {
    return List.of();
  }

  /** cops->dump + dump_stats for one class. */
  public ClassDump clDump(int cl) {
    throw new IllegalStateException(kind + " has no classes");
  }

  /** cops->qlen_notify: the leaf of {@code cl} became empty outside the dequeue path. */
  public void clQlenNotify(int cl) {}

  /** cops->select_queue for a child created under {@code classid}, or {@code null} if absent. */
  public NetdevQueue clSelectQueue(int classid) {
    return null;
  }

  // ---------------------------------------------------------------- helpers for kinds

  /** qdisc_drop(): count and discard. */
  protected final int dropPacket(Packet p) {
    drops++;
    return NetXmit.DROP;
  }

  /** qdisc_enqueue_tail(). */
  protected final int enqueueTail(Packet p) {
    q.addLast(p);
    backlog += p.pktLen();
    qlen++;
    return NetXmit.SUCCESS;
  }

  /** qdisc_dequeue_head() with the byte/packet counters of qdisc_bstats_update(). */
  protected final Packet dequeueHead() {
    return dequeueHead(q);
  }

  /**
   * The same from one of this qdisc's own packet lists (a band, a flow slot), whose packets
   * count in this qdisc's qlen and backlog.
   */
  protected final Packet dequeueHead(ArrayDeque<Packet> list) {
    Packet p = list.pollFirst();
    if (p != null) {
      backlog -= p.pktLen();
      qlen--;
      bstatsUpdate(p);
    }
    return p;
  }

  /** qdisc_bstats_update(). */
  protected final void bstatsUpdate(Packet p) {
    bytes += p.pktLen();
    packets++;
  }

  protected final void countDrop() {
    drops++;
  }

  protected final void countDrops(long n) {
    drops += n;
  }

  protected final void countOverlimit() {
    overlimits++;
  }

  protected final void countRequeue() {
    requeues++;
  }

  /** Adjust qlen/backlog by a child's change (the parent side of reduce_backlog). */
  protected final void addQueued(int n, long len) {
    qlen += n;
    backlog += len;
  }

  /** sch->q.qlen and backlog set directly (mq/multiq sums of their children). */
  protected final void setQueued(int n, long len) {
    qlen = n;
    backlog = len;
  }

  /** Counters of this qdisc at {@code nowNs}, with its estimator's rates. */
  public QStats stats(long nowNs) {
    boolean est = rateEst != null;
    if (est) {
      rateEst.sample(nowNs, bytes, packets);
    }
    return new QStats(bytes, packets, drops, overlimits, requeues, backlog, qlen, est,
        est ? rateEst.bps() : 0, est ? rateEst.pps() : 0);
  }

  /** Overwrite the basic and queue counters (mq/multiq aggregate their children at dump time). */
  protected final void setCounters(long bytes, long packets, long drops, long overlimits,
      long requeues) {
    this.bytes = bytes;
    this.packets = packets;
    this.drops = drops;
    this.overlimits = overlimits;
    this.requeues = requeues;
  }

  // ---------------------------------------------------------------- lifetime

  public final void refcountInc() {
    refcnt++;
  }

  /**
   * qdisc_put(): drop one reference; the last one destroys the qdisc: it leaves the device hash,
   * its queue is purged, its watchdog cancelled and its children put.
   */
  public final void put() {
    if (hasFlag(TCQ_F_BUILTIN)) {
      return;
    }
    if (--refcnt > 0) {
      return;
    }
    destroy();
  }

  private void destroy() {
    if (destroyed) {
      return;
    }
    destroyed = true;
    if (dev != null && dev.qdiscHash().contains(this)) {
      dev.qdiscHash().remove(this);
    }
    reset();
    QdiscWatchdog wd = watchdog();
    if (wd != null) {
      wd.cancel();
    }
    doDestroy();
  }

  @Override
  public String toString() {
    return kind + " " + TcH.formatMajor(handle);
  }
}

package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.cls.ClassifyResult;
import io.smpsim.kernel.net.cls.TcAction;
import io.smpsim.kernel.net.cls.TcfBlock;
import io.smpsim.kernel.net.core.Packet;
import java.util.ArrayList;
import java.util.List;

/**
 * What prio (net/sched/sch_prio.c) and multiq (net/sched/sch_multiq.c, which was derived from
 * sch_prio.c) share: classes {@code 1..bands}, each a band holding one child qdisc, one filter
 * block for the whole qdisc, and the same enqueue, reset and class operations (find, leaf,
 * graft, walk, dump). They differ in how a packet finds its band ({@link #classify}: the filter
 * or skb->priority through the priomap, against the packet's queue mapping), in how they dequeue
 * (strict band order, against round robin), in how many bands they keep, and in what a graft of
 * no qdisc leaves in a band ({@link #graftDefault}: a new pfifo, against noop).
 */
abstract class BandQdisc extends Qdisc {

  protected final QdiscFactory factory;
  protected final TcfBlock block = new TcfBlock();
  /** The bands' children, band {@code b} (class {@code b + 1}) at index {@code b}. */
  protected Qdisc[] queues;
  protected int bands;

  BandQdisc(String kind, QdiscFactory factory, Qdisc[] queues) {
    super(kind);
    this.factory = factory;
    this.queues = queues;
  }

  /**
   * prio_classify() / multiq_classify(): the child of the band {@code p} goes to, or null when a
   * filter took it ({@code qerr[0]}, preset to {@code SUCCESS | BYPASS}, says whether as a drop).
   */
  protected abstract Qdisc classify(Packet p, int[] qerr);

  /**
   * The CONFIG_NET_CLS_ACT verdicts both classifiers share: whether the filter result
   * {@code res} took the packet, stolen ({@code qerr[0]} then says so: not a drop) or shot.
   */
  protected static boolean filterTook(ClassifyResult res, int[] qerr) {
    if (res != null && res.action() == TcAction.STOLEN) {
      qerr[0] = NetXmit.SUCCESS | NetXmit.STOLEN;
      return true;
    }
    return res != null && res.action() == TcAction.SHOT;
  }

  /** What a graft of no qdisc puts in class {@code cl} (prio_graft() / multiq_graft()). */
  protected abstract Qdisc graftDefault(int cl, QdiscCtx ctx);

  /** The default child of class {@code cl}: a pfifo (qdisc_create_dflt()). */
  protected final Qdisc defaultChild(int cl, QdiscCtx ctx) {
    return factory.createDefault("pfifo", dev, devQueue, TcH.make(handle(), cl), ctx);
  }

  @Override
  public boolean canChange() {
    return true;
  }

  @Override
  public TcfBlock block(int cl) {
    return block;
  }

  @Override
  public final int enqueue(Packet p, long nowNs) {
    int len = p.pktLen();
    int[] qerr = {NetXmit.SUCCESS | NetXmit.BYPASS};
    Qdisc child = classify(p, qerr);
    if (child == null) {
      if ((qerr[0] & NetXmit.BYPASS) != 0) {
        countDrop();
      }
      return qerr[0];
    }
    int ret = child.enqueue(p, nowNs);
    if (ret == NetXmit.SUCCESS) {
      addQueued(1, len);
      return ret;
    }
    if (NetXmit.dropCount(ret)) {
      countDrop();
    }
    return ret;
  }

  /** Dequeues from band {@code b}'s child, counting what leaves in this qdisc. */
  protected final Packet dequeueBand(int b, long nowNs) {
    Packet p = queues[b].dequeue(nowNs);
    if (p != null) {
      bstatsUpdate(p);
      addQueued(-1, -p.pktLen());
    }
    return p;
  }

  @Override
  protected void doReset() {
    for (int i = 0; i < bands; i++) {
      queues[i].reset();
    }
  }

  @Override
  public boolean classful() {
    return true;
  }

  @Override
  public int clFind(int classid) {
    int band = TcH.min(classid);
    return band - 1 >= bands || band == 0 ? 0 : band;
  }

  @Override
  public Qdisc clLeaf(int cl) {
    return queues[cl - 1];
  }

  @Override
  public Qdisc clGraft(int cl, Qdisc newQ, QdiscCtx ctx) {
    if (newQ == null) {
      newQ = graftDefault(cl, ctx);
    }
    Qdisc old = queues[cl - 1];
    queues[cl - 1] = newQ;
    QdiscTree.retire(old);
    return old;
  }

  @Override
  public List<Integer> clWalk() {
    List<Integer> l = new ArrayList<>();
    for (int i = 1; i <= bands; i++) {
      l.add(i);
    }
    return l;
  }

  @Override
  public ClassDump clDump(int cl) {
    Qdisc leaf = queues[cl - 1];
    return new ClassDump(dev.ifindex(), handle(), TcH.make(handle(), cl), leaf.handle(), kind(),
        null, leaf.stats(0), null);
  }
}

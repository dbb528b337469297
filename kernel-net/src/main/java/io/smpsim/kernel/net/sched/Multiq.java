package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.cls.ClassifyResult;
import io.smpsim.kernel.net.cls.TcAction;
import io.smpsim.kernel.net.cls.TcfBlock;
import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.core.Packet;
import java.util.ArrayList;
import java.util.List;

/**
 * multiq (net/sched/sch_multiq.c): one band per TX queue of a multiqueue device, chosen by
 * filter or by the packet's queue mapping, dequeued round robin.
 */
public final class Multiq extends Qdisc {

  private final QdiscFactory factory;
  private final TcfBlock block = new TcfBlock();
  private Qdisc[] queues = new Qdisc[0];
  private int bands;
  private int curband;

  public Multiq(QdiscFactory factory) {
    super("multiq");
    this.factory = factory;
  }

  @Override
  public void init(Object options, QdiscCtx ctx) {
    if (options == null) {
      throw new NetlinkException(Errno.EINVAL);
    }
    if (!dev.isMultiqueue()) {
      throw new NetlinkException(Errno.EOPNOTSUPP);
    }
    queues = new Qdisc[dev.numTxQueues()];
    for (int i = 0; i < queues.length; i++) {
      queues[i] = factory.noop();
    }
    tune(ctx);
  }

  @Override
  public boolean canChange() {
    return true;
  }

  @Override
  public void change(Object options, QdiscCtx ctx) {
    tune(ctx);
  }

  private void tune(QdiscCtx ctx) {
    bands = dev.numTxQueues();
    for (int i = 0; i < bands; i++) {
      if (queues[i] == factory.noop()) {
        Qdisc child = factory.createDefault("pfifo", dev, devQueue, TcH.make(handle(), i + 1),
            ctx);
        queues[i] = child;
        QdiscTree.hashAdd(child, true);
      }
    }
  }

  @Override
  public Object dumpOptions() {
    return new MultiqQopt(bands, queues.length);
  }

  @Override
  public TcfBlock block(int cl) {
    return block;
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    int band;
    ClassifyResult res = block.isEmpty() ? null : block.classify(p);
    if (res != null && (res.action() == TcAction.SHOT || res.action() == TcAction.STOLEN)) {
      if (res.action() == TcAction.SHOT) {
        countDrop();
        return NetXmit.SUCCESS | NetXmit.BYPASS;
      }
      return NetXmit.SUCCESS | NetXmit.STOLEN;
    }
    band = p.queueMapping();
    if (band < 0 || band >= bands) {
      band = 0;
    }
    Qdisc child = queues[band];
    int len = p.pktLen();
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

  @Override
  protected Packet doDequeue(long nowNs) {
    for (int i = 0; i < bands; i++) {
      curband++;
      if (curband >= bands) {
        curband = 0;
      }
      Packet p = queues[curband].dequeue(nowNs);
      if (p != null) {
        bstatsUpdate(p);
        addQueued(-1, -p.pktLen());
        return p;
      }
    }
    return null;
  }

  @Override
  protected void doReset() {
    for (int i = 0; i < bands; i++) {
      queues[i].reset();
    }
    curband = 0;
  }

  @Override
  protected void doDestroy() {
    for (Qdisc q : queues) {
      q.put();
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
    Qdisc old = queues[cl - 1];
    queues[cl - 1] = newQ == null ? factory.noop() : newQ;
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

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
 * prio (net/sched/sch_prio.c): {@code bands} children (pfifo by default) served in strict
 * order. A filter may choose the band ({@code classid :N}); otherwise skb->priority picks it
 * through the priomap.
 */
public final class Prio extends Qdisc {

  private static final int MAX_BANDS = 16;
  private final QdiscFactory factory;
  private final Qdisc[] queues = new Qdisc[MAX_BANDS];
  private final TcfBlock block = new TcfBlock();
  private int bands;
  private int[] prio2band = PrioQopt.defaultPriomap();

  public Prio(QdiscFactory factory) {
    super("prio");
    this.factory = factory;
  }

  @Override
  public void init(Object options, QdiscCtx ctx) {
    if (options == null) {
      throw new NetlinkException(Errno.EINVAL);
    }
    tune((PrioQopt) options, ctx);
  }

  @Override
  public boolean canChange() {
    return true;
  }

  @Override
  public void change(Object options, QdiscCtx ctx) {
    tune((PrioQopt) options, ctx);
  }

  private void tune(PrioQopt o, QdiscCtx ctx) {
    if (o.bands() > MAX_BANDS || o.bands() < 2) {
      throw new NetlinkException(Errno.EINVAL);
    }
    for (int b : o.priomap()) {
      if (b >= o.bands()) {
        throw new NetlinkException(Errno.EINVAL);
      }
    }
    int oldBands = bands;
    Qdisc[] created = new Qdisc[MAX_BANDS];
    for (int i = oldBands; i < o.bands(); i++) {
      created[i] = factory.createDefault("pfifo", dev, devQueue, TcH.make(handle(), i + 1), ctx);
    }
    bands = o.bands();
    prio2band = o.priomap().clone();
    for (int i = bands; i < oldBands; i++) {
      QdiscTree.flushBacklog(queues[i]);
    }
    for (int i = oldBands; i < bands; i++) {
      queues[i] = created[i];
      QdiscTree.hashAdd(queues[i], true);
    }
    for (int i = bands; i < oldBands; i++) {
      queues[i].put();
      queues[i] = null;
    }
  }

  @Override
  public Object dumpOptions() {
    return new PrioQopt(bands, prio2band.clone(), null);
  }

  @Override
  public TcfBlock block(int cl) {
    return block;
  }

  private Qdisc classify(Packet p, int[] qerr) {
    int band = p.priority();
    qerr[0] = NetXmit.SUCCESS | NetXmit.BYPASS;
    if (TcH.maj(band) != handle()) {
      ClassifyResult res = block.isEmpty() ? null : block.classify(p);
      if (res != null && res.action() == TcAction.STOLEN) {
        qerr[0] = NetXmit.SUCCESS | NetXmit.STOLEN;
        return null;
      }
      if (res != null && res.action() == TcAction.SHOT) {
        return null;
      }
      if (res == null) {
        if (TcH.maj(band) != 0) {
          band = 0;
        }
        return queues[prio2band[band & 15]];
      }
      band = res.classid();
    }
    int b = TcH.min(band) - 1;
    if (b < 0 || b >= bands) {
      return queues[prio2band[0]];
    }
    return queues[b];
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    int len = p.pktLen();
    int[] qerr = new int[1];
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

  @Override
  protected Packet doDequeue(long nowNs) {
    for (int i = 0; i < bands; i++) {
      Packet p = queues[i].dequeue(nowNs);
      if (p != null) {
        bstatsUpdate(p);
        addQueued(-1, -p.pktLen());
        return p;
      }
    }
    return null;
  }

  @Override
  public Packet peek(long nowNs) {
    for (int i = 0; i < bands; i++) {
      Packet p = queues[i].peek(nowNs);
      if (p != null) {
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
  }

  @Override
  protected void doDestroy() {
    for (int i = 0; i < bands; i++) {
      queues[i].put();
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
      newQ = factory.createDefault("pfifo", dev, devQueue, TcH.make(handle(), cl), ctx);
      QdiscTree.hashAdd(newQ, true);
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

package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.cls.ClassifyResult;
import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.core.Packet;

/**
 * prio (net/sched/sch_prio.c): {@code bands} children (pfifo by default) served in strict
 * order. A filter may choose the band ({@code classid :N}); otherwise skb->priority picks it
 * through the priomap.
 */
public final class Prio extends BandQdisc {

  private static final int MAX_BANDS = 16;
  private int[] prio2band = PrioQopt.defaultPriomap();

  public Prio(QdiscFactory factory) {
    super("prio", factory, new Qdisc[MAX_BANDS]);
  }

  @Override
  public void init(Object options, QdiscCtx ctx) {
    if (options == null) {
      throw new NetlinkException(Errno.EINVAL);
    }
    tune((PrioQopt) options, ctx);
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
      created[i] = defaultChild(i + 1, ctx);
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
  protected Qdisc classify(Packet p, int[] qerr) {
    int band = p.priority();
    if (TcH.maj(band) != handle()) {
      ClassifyResult res = block.isEmpty() ? null : block.classify(p);
      if (filterTook(res, qerr)) {
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
  protected Packet doDequeue(long nowNs) {
    for (int i = 0; i < bands; i++) {
      Packet p = dequeueBand(i, nowNs);
      if (p != null) {
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
  protected void doDestroy() {
    for (int i = 0; i < bands; i++) {
      queues[i].put();
    }
  }

  @Override
  protected Qdisc graftDefault(int cl, QdiscCtx ctx) {
    Qdisc q = defaultChild(cl, ctx);
    QdiscTree.hashAdd(q, true);
    return q;
  }
}

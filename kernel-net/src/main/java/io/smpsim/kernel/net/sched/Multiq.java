package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.cls.ClassifyResult;
import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.core.Packet;

/**
 * multiq (net/sched/sch_multiq.c): one band per TX queue of a multiqueue device, chosen by
 * filter or by the packet's queue mapping, dequeued round robin.
 */
public final class Multiq extends BandQdisc {

  private int curband;

  public Multiq(QdiscFactory factory) {
    super("multiq", factory, new Qdisc[0]);
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
  public void change(Object options, QdiscCtx ctx) {
    tune(ctx);
  }

  private void tune(QdiscCtx ctx) {
    bands = dev.numTxQueues();
    for (int i = 0; i < bands; i++) {
      if (queues[i] == factory.noop()) {
        Qdisc child = defaultChild(i + 1, ctx);
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
  protected Qdisc classify(Packet p, int[] qerr) {
    ClassifyResult res = block.isEmpty() ? null : block.classify(p);
    if (filterTook(res, qerr)) {
      return null;
    }
    int band = p.queueMapping();
    if (band < 0 || band >= bands) {
      band = 0;
    }
    return queues[band];
  }

  @Override
  protected Packet doDequeue(long nowNs) {
    for (int i = 0; i < bands; i++) {
      curband++;
      if (curband >= bands) {
        curband = 0;
      }
      Packet p = dequeueBand(curband, nowNs);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  @Override
  protected void doReset() {
    super.doReset();
    curband = 0;
  }

  @Override
  protected void doDestroy() {
    for (Qdisc q : queues) {
      q.put();
    }
  }

  @Override
  protected Qdisc graftDefault(int cl, QdiscCtx ctx) {
    return factory.noop();
  }
}

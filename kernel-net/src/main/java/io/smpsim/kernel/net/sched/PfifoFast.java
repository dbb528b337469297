package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.core.Packet;
import java.util.ArrayDeque;

/**
 * pfifo_fast (net/sched/sch_generic.c): the default qdisc of queueing devices. Three bands
 * served in strict order; skb->priority picks the band through the fixed priomap; each band
 * holds at most txqueuelen packets. Takes no options.
 */
public final class PfifoFast extends Qdisc {

  private static final int BANDS = 3;
  private final ArrayDeque<Packet>[] bands;
  private long bandLimit;

  @SuppressWarnings("unchecked")
  public PfifoFast() {
    super("pfifo_fast");
    bands = new ArrayDeque[BANDS];
    for (int i = 0; i < BANDS; i++) {
      bands[i] = new ArrayDeque<>();
    }
  }

  @Override
  public void init(Object options, QdiscCtx ctx) {
    bandLimit = dev.txQueueLen() & 0xFFFFFFFFL;
    if (bandLimit == 0) {
      throw new NetlinkException(Errno.EINVAL);
    }
    setFlag(TCQ_F_CAN_BYPASS);
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    int band = PrioQopt.defaultPriomap()[p.priority() & 15];
    if (bands[band].size() >= bandLimit) {
      return dropPacket(p);
    }
    bands[band].addLast(p);
    backlog += p.pktLen();
    qlen++;
    return NetXmit.SUCCESS;
  }

  @Override
  protected Packet doDequeue(long nowNs) {
    for (ArrayDeque<Packet> b : bands) {
      Packet p = dequeueHead(b);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  @Override
  protected void doReset() {
    for (ArrayDeque<Packet> b : bands) {
      free(b);
      b.clear();
    }
  }

  @Override
  public Object dumpOptions() {
    return new PrioQopt(BANDS, PrioQopt.defaultPriomap(), null);
  }
}

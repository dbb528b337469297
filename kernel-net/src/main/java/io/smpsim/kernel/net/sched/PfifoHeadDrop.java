package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Packet;

/**
 * pfifo_head_drop: when full, the oldest packet is dropped to make room (NET_XMIT_CN), and the
 * ancestors are told the backlog changed by the size difference.
 */
public final class PfifoHeadDrop extends Fifo {

  public PfifoHeadDrop() {
    super("pfifo_head_drop");
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    if (limit == 0) {
      return dropPacket(p);
    }
    if (qlen < limit) {
      return enqueueTail(p);
    }
    long prevBacklog = backlog;
    Packet head = q.pollFirst();
    free(head);
    backlog -= head.pktLen();
    qlen--;
    countDrop();
    enqueueTail(p);
    QdiscTree.reduceBacklog(this, 0, prevBacklog - backlog);
    return NetXmit.CN;
  }
}

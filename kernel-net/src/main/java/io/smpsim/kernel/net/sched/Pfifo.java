package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Packet;

/** pfifo: tail drop once {@code limit} packets are queued. */
public final class Pfifo extends Fifo {

  public Pfifo() {
    super("pfifo");
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    if (qlen < limit) {
      return enqueueTail(p);
    }
    return dropPacket(p);
  }
}

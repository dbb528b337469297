package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Packet;

/** bfifo: tail drop once the backlog would exceed {@code limit} bytes. */
public final class Bfifo extends Fifo {

  public Bfifo() {
    super("bfifo");
  }

  @Override
  protected boolean byteLimit() {
    return true;
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    if (backlog + p.pktLen() <= limit) {
      return enqueueTail(p);
    }
    return dropPacket(p);
  }
}

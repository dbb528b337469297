package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Packet;

/**
 * noqueue (net/sched/sch_generic.c): no enqueue op at all, so the stack transmits directly.
 * The default root of IFF_NO_QUEUE devices (veth, dummy, lo); can also be added explicitly.
 */
public final class Noqueue extends QueuelessQdisc {

  public Noqueue() {
    super("noqueue");
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    throw new IllegalStateException("noqueue has no enqueue: transmit directly");
  }
}

package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Packet;

/** blackhole (net/sched/sch_blackhole.c): accepts and silently discards every packet. */
public final class Blackhole extends QueuelessQdisc {

  public Blackhole() {
    super("blackhole");
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    countDrop();
    return NetXmit.SUCCESS | NetXmit.BYPASS;
  }
}

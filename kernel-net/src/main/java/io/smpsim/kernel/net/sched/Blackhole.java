package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Packet;

/** blackhole (net/sched/sch_blackhole.c): accepts and silently discards every packet. */
public final class Blackhole extends Qdisc {

  public Blackhole() {
    super("blackhole");
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    countDrop();
    return NetXmit.SUCCESS | NetXmit.BYPASS;
  }

  @Override
  protected Packet doDequeue(long nowNs) {
    return null;
  }

  @Override
  public void init(Object options, QdiscCtx ctx) {}

  @Override
  public Object dumpOptions() {
    return null;
  }
}

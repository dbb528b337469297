package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Packet;

/**
 * noop_qdisc (net/sched/sch_generic.c): the builtin placeholder of a device that is down or
 * never had a qdisc, and of an emptied tbf/mq slot. It drops everything and is never dumped.
 */
public final class Noop extends QueuelessQdisc {

  public Noop() {
    super("noop");
    setFlag(TCQ_F_BUILTIN);
    setParent(TcH.ROOT);
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    return NetXmit.CN;
  }
}

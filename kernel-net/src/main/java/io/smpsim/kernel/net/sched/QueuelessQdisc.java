package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Packet;

/**
 * A qdisc that never holds a packet (noop, noqueue, blackhole): its dequeue finds nothing, as
 * {@code noop_dequeue()} in net/sched/sch_generic.c, and it takes and dumps no options. What
 * becomes of a packet handed to it is each kind's own {@link #enqueue}.
 */
public abstract class QueuelessQdisc extends Qdisc {

  protected QueuelessQdisc(String kind) {
    super(kind);
  }

  @Override
  protected final Packet doDequeue(long nowNs) {
    return null;
  }

  @Override
  public final void init(Object options, QdiscCtx ctx) {}

  @Override
  public final Object dumpOptions() {
    return null;
  }
}

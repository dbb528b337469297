package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Packet;

/**
 * The fifos of net/sched/sch_fifo.c sharing one init: without options the limit is the device's
 * txqueuelen (packets) or txqueuelen * (mtu + 14) (bytes).
 */
public abstract class Fifo extends Qdisc {

  protected Fifo(String kind) {
    super(kind);
  }

  /** Whether the limit counts bytes (bfifo). */
  protected boolean byteLimit() {
    return false;
  }

  @Override
  public void init(Object options, QdiscCtx ctx) {
    if (options == null) {
      long l = dev.txQueueLen() & 0xFFFFFFFFL;
      if (byteLimit()) {
        l = (l * dev.pschedMtu()) & 0xFFFFFFFFL;
      }
      limit = l;
    } else {
      limit = ((FifoQopt) options).limit();
    }
    boolean bypass = byteLimit() ? limit >= dev.pschedMtu() : limit >= 1;
    if (bypass) {
      setFlag(TCQ_F_CAN_BYPASS);
    } else {
      clearFlag(TCQ_F_CAN_BYPASS);
    }
  }

  @Override
  public boolean canChange() {
    return true;
  }

  @Override
  public void change(Object options, QdiscCtx ctx) {
    init(options, ctx);
  }

  /** fifo_set_limit(): what tbf uses to resize its inner bfifo. */
  public void setLimit(long newLimit) {
    this.limit = newLimit;
  }

  public long limit() {
    return limit;
  }

  @Override
  public Object dumpOptions() {
    return new FifoQopt(limit);
  }

  @Override
  protected Packet doDequeue(long nowNs) {
    return dequeueHead();
  }

  @Override
  public Packet peek(long nowNs) {
    return q.peekFirst();
  }
}

package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.cls.TcfBlock;
import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.core.Packet;

/**
 * ingress (net/sched/sch_ingress.c): not a queue but the attachment point of the RX filters
 * ({@code parent ffff:}). It lives on the device's ingress queue with handle ffff: and parent
 * ffff:fff1. clsact extends it with an egress block.
 */
public class Ingress extends Qdisc {

  private final TcfBlock ingressBlock = new TcfBlock();
  private int ingressBlockIndex;

  public Ingress() {
    this("ingress");
  }

  protected Ingress(String kind) {
    super(kind);
    setFlag(TCQ_F_INGRESS);
  }

  @Override
  public void init(Object options, QdiscCtx ctx) {
    if (parent() != TcH.INGRESS) {
      throw new NetlinkException(Errno.EOPNOTSUPP);
    }
  }

  @Override
  public Object dumpOptions() {
    return EmptyOptions.INSTANCE;
  }

  /**
   * ingress_ingress_block_set(): the index of the shared block the RX filters were asked to
   * live in (0: a private block). The model keeps the index for the dumps; filters always go
   * to this qdisc's own block.
   */
  public void setIngressBlockIndex(int index) {
    ingressBlockIndex = index;
  }

  public int ingressBlockIndex() {
    return ingressBlockIndex;
  }

  /** The filters run on received packets. */
  public TcfBlock ingressBlock() {
    return ingressBlock;
  }

  /** Count a packet seen by the RX hook (the ingress qdisc's Sent counters). */
  public void countReceived(Packet p) {
    bstatsUpdate(p);
  }

  /** Count a packet a filter dropped at the hook. */
  public void countHookDrop() {
    countDrop();
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    throw new IllegalStateException(kind() + " is a hook, not a queue");
  }

  @Override
  protected Packet doDequeue(long nowNs) {
    return null;
  }

  @Override
  public boolean classful() {
    return true;
  }

  @Override
  public int clFind(int classid) {
    return TcH.min(classid) + 1;
  }

  @Override
  public TcfBlock block(int cl) {
    return ingressBlock;
  }
}

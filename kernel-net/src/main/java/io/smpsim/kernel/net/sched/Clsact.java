package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.cls.TcfBlock;

/**
 * clsact (net/sched/sch_ingress.c): the ingress hook ({@code ffff:fff2}) plus an egress hook
 * ({@code ffff:fff3}) run before the root qdisc.
 */
public final class Clsact extends Ingress {

  private final TcfBlock egressBlock = new TcfBlock();
  private int egressBlockIndex;

  public Clsact() {
    super("clsact");
  }

  /** clsact_egress_block_set(): see {@link #setIngressBlockIndex}. */
  public void setEgressBlockIndex(int index) {
    egressBlockIndex = index;
  }

  public int egressBlockIndex() {
    return egressBlockIndex;
  }

  /** The filters run on transmitted packets before the root qdisc. */
  public TcfBlock egressBlock() {
    return egressBlock;
  }

  @Override
  public int clFind(int classid) {
    int m = TcH.min(classid);
    return m == TcH.MIN_INGRESS || m == TcH.MIN_EGRESS ? m : 0;
  }

  @Override
  public TcfBlock block(int cl) {
    return cl == TcH.MIN_EGRESS ? egressBlock : ingressBlock();
  }
}

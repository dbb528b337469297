package io.smpsim.kernel.net.sched;

/**
 * One RTM_*QDISC / RTM_*TCLASS request as it reaches the kernel: the tcmsg header, the netlink
 * flags and the attributes (TCA_KIND, TCA_OPTIONS, TCA_RATE, TCA_STAB, TCA_INGRESS_BLOCK,
 * TCA_EGRESS_BLOCK). The options object is the kind-specific attribute set iproute2 built
 * ({@code null}: no TCA_OPTIONS).
 *
 * @param flags NLM_F_CREATE/EXCL/REPLACE
 * @param ifindex the device
 * @param handle tcm_handle
 * @param parent tcm_parent
 * @param kind TCA_KIND, or {@code null}
 * @param options TCA_OPTIONS, or {@code null}
 * @param estimator TCA_RATE, or {@code null}
 * @param stab TCA_STAB, or {@code null}
 * @param ingressBlock TCA_INGRESS_BLOCK, or 0 when absent
 * @param egressBlock TCA_EGRESS_BLOCK, or 0 when absent
 */
public record TcMsg(int flags, int ifindex, int handle, int parent, String kind, Object options,
    TcEstimator estimator, SizeSpec stab, int ingressBlock, int egressBlock) {

  /** A request without shared-block attributes. */
  public TcMsg(int flags, int ifindex, int handle, int parent, String kind, Object options,
      TcEstimator estimator, SizeSpec stab) {
    this(flags, ifindex, handle, parent, kind, options, estimator, stab, 0, 0);
  }

  public static final int NLM_F_REPLACE = 0x100;
  public static final int NLM_F_EXCL = 0x200;
  public static final int NLM_F_CREATE = 0x400;

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }
}

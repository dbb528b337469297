package io.smpsim.kernel.net.sched;

/** Enqueue verdicts (include/linux/netdevice.h NET_XMIT_*, include/net/sch_generic.h). */
public final class NetXmit {

  public static final int SUCCESS = 0x00;
  public static final int DROP = 0x01;
  public static final int CN = 0x02;
  public static final int MASK = 0x0f;
  /** __NET_XMIT_STOLEN: consumed by a filter action, not a drop. */
  public static final int STOLEN = 0x00010000;
  /** __NET_XMIT_BYPASS. */
  public static final int BYPASS = 0x00020000;

  private NetXmit() {}

  /** net_xmit_drop_count(): whether the parent counts this verdict as a drop. */
  public static boolean dropCount(int verdict) {
    return (verdict & STOLEN) == 0;
  }
}

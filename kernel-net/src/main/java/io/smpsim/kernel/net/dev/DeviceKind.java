package io.smpsim.kernel.net.dev;

/** The kinds of net_device smpsim models, with the link-level defaults the kernel gives each. */
public enum DeviceKind {
  /** lo: IFF_LOOPBACK, IFF_NO_QUEUE. */
  LOOPBACK(null, 1000, 65536, true, 0),
  /** veth pair end: IFF_NO_QUEUE, reports 10000 Mb/s (so {@code rate 10%} is 1Gbit). */
  VETH("veth", 1000, 1500, true, 10000),
  /** dummy: IFF_NO_QUEUE, NOARP. */
  DUMMY("dummy", 1000, 1500, true, 0),
  /** ifb: a queueing device, txqueuelen 32, NOARP. */
  IFB("ifb", 32, 1500, false, 0),
  /** A physical NIC attached by the hardware layer. */
  NIC(null, 1000, 1500, false, 1000);

  private final String linkKind;
  private final int txQueueLen;
  private final int mtu;
  private final boolean noQueue;
  private final long speedMbps;

  DeviceKind(String linkKind, int txQueueLen, int mtu, boolean noQueue, long speedMbps) {
    this.linkKind = linkKind;
    this.txQueueLen = txQueueLen;
    this.mtu = mtu;
    this.noQueue = noQueue;
    this.speedMbps = speedMbps;
  }

  /** The rtnl_link_ops kind ({@code ip -d link} "veth"), or {@code null}. */
  public String linkKind() { return linkKind; }
  public int defaultTxQueueLen() { return txQueueLen; }
  public int defaultMtu() { return mtu; }
  /** IFF_NO_QUEUE: the default root qdisc is noqueue. */
  public boolean noQueue() { return noQueue; }
  /** The ethtool speed in Mb/s; 0 when the device reports none. */
  public long defaultSpeedMbps() { return speedMbps; }
}

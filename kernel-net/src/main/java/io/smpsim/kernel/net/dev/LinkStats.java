package io.smpsim.kernel.net.dev;

/**
 * The counters of one device (the part of rtnl_link_stats64 smpsim fills): what its driver
 * handed to the wire or the peer, what it received, and what it dropped. Lengths are skb->len.
 */
public final class LinkStats {

  private long rxPackets;
  private long rxBytes;
  private long rxDropped;
  private long txPackets;
  private long txBytes;
  private long txDropped;

  /** A packet the driver received. */
  public void received(int len) {
    rxPackets++;
    rxBytes += len;
  }

  /** A packet the driver transmitted (veth: handed to its peer; NIC: posted to the ring). */
  public void transmitted(int len) {
    txPackets++;
    txBytes += len;
  }

  /** A received packet the device could not take. */
  public void rxDrop() {
    rxDropped++;
  }

  /** A packet the driver could not send (no carrier, a full ring under noqueue). */
  public void txDrop() {
    txDropped++;
  }

  /**
   * The transmit counters as the entities that transmit on the device counted them (a NIC's TX
   * queues run in entities of their own; rtnetlink sums what they answered).
   */
  public void setTx(long packets, long bytes, long dropped) {
    txPackets = packets;
    txBytes = bytes;
    txDropped = dropped;
  }

  public long rxPackets() { return rxPackets; }
  public long rxBytes() { return rxBytes; }
  public long rxDropped() { return rxDropped; }
  public long txPackets() { return txPackets; }
  public long txBytes() { return txBytes; }
  public long txDropped() { return txDropped; }
}

package io.smpsim.kernel.net.traffic;

/**
 * One sending socket of a traffic generator: its source port, its pacing (a constant interval,
 * kept exact over any number of packets by carrying the remainder) and its send buffer. Every
 * packet it sends is charged to the buffer until the stack frees it: when a qdisc drops it, when
 * a veth hands it to its peer (skb_orphan), or when the NIC reports its TX completion. A UDP
 * socket whose buffer is full fails the send with EAGAIN; a TCP writer waits for room.
 */
public final class TrafficFlow {

  /** net.core.wmem_default: the send buffer of a socket that did not set SO_SNDBUF. */
  public static final long SNDBUF = 212_992;

  private static final long NS_PER_S = 1_000_000_000L;

  private final int id;
  private final int generator;
  private final int srcPort;
  private final int truesize;
  private final long intervalNum;
  private final long rateBps;
  private long nextNs;
  private long carry;
  private long timer = -1;
  private int queued;
  private int inDriver;
  private boolean blocked;
  private long sent;
  private long sentBytes;
  private long eagain;
  private long failed;
  private int ifindex;
  private int txq;

  /**
   * A flow sending {@code wireLen}-byte packets at {@code rateBps / flows}, first at
   * {@code firstNs}.
   */
  public TrafficFlow(int id, int generator, int srcPort, int wireLen, long rateBps, int flows,
      long firstNs) {
    this.id = id;
    this.generator = generator;
    this.srcPort = srcPort;
    this.truesize = truesize(wireLen);
    this.intervalNum = wireLen * 8L * flows * NS_PER_S;
    this.rateBps = rateBps;
    this.nextNs = firstNs;
  }

  /** The interval between two packets of one flow, in ns (rounded down). */
  public static long intervalNs(int wireLen, long rateBps, int flows) {
    return wireLen * 8L * flows * NS_PER_S / rateBps;
  }

  /**
   * SKB_TRUESIZE of a datagram's skb: its linear buffer (headroom, data and skb_shared_info)
   * rounded up to the kmalloc slab it comes from, plus the sk_buff itself. A 1042-byte frame
   * takes 2304 bytes, so the default send buffer holds 93 of them.
   */
  static int truesize(int wireLen) {
    int data = align64(wireLen + 128) + 320;
    return Integer.highestOneBit(data - 1) * 2 + 256;
  }

  private static int align64(int n) {
    return (n + 63) & ~63;
  }

  public int id() { return id; }
  public int generator() { return generator; }
  public int srcPort() { return srcPort; }
  /** When the next packet is due. */
  public long nextNs() { return nextNs; }
  public long timer() { return timer; }
  public void setTimer(long t) { this.timer = t; }
  public boolean blocked() { return blocked; }
  public long sent() { return sent; }
  public long sentBytes() { return sentBytes; }
  /** Sends refused because the send buffer was full (UDP). */
  public long eagain() { return eagain; }
  /** Sends refused by the stack (device down or gone). */
  public long failed() { return failed; }
  /** The device and TX queue its last packet went to. */
  public int ifindex() { return ifindex; }
  public int txq() { return txq; }

  /** sk_wmem_alloc: what the packets still charged to the socket hold. */
  public long wmem() {
    return (long) (queued + inDriver) * truesize;
  }

  /** sock_alloc_send_pskb(): room for one more packet (the check is wmem below the buffer). */
  public boolean hasRoom() {
    return wmem() < SNDBUF;
  }

  /** Moves the pacing to the next packet. */
  public void advance() {
    nextNs += intervalNum / rateBps;
    carry += intervalNum % rateBps;
    if (carry >= rateBps) {
      carry -= rateBps;
      nextNs++;
    }
  }

  /** A blocked writer got room at {@code now}: it sends at once and paces from there. */
  public void unblock(long now) {
    blocked = false;
    nextNs = now;
    carry = 0;
  }

  public void block() {
    blocked = true;
  }

  public void countEagain() {
    eagain++;
  }

  public void countFailed() {
    failed++;
  }

  /** A packet of {@code len} bytes was handed to the stack on queue {@code txq} of a device. */
  public void charge(int len, int dev, int queue) {
    queued++;
    sent++;
    sentBytes += len;
    ifindex = dev;
    txq = queue;
  }

  /** A charged packet was freed before reaching a driver ring (dropped, or sent by a veth). */
  public void freeQueued() {
    if (queued > 0) {
      queued--;
    }
  }

  /** A charged packet left the qdisc for a NIC's ring; it stays charged until completion. */
  public void toDriver() {
    freeQueued();
    inDriver++;
  }

  /** The NIC completed a packet of this flow. */
  public void freeDriver() {
    if (inDriver > 0) {
      inDriver--;
    }
  }

  /**
   * The queue the flow sends into holds nothing any more: whatever was still counted as queued
   * was dropped by a qdisc without a verdict to the sender (a head drop, a purge).
   */
  public void queueEmptied() {
    queued = 0;
  }

  /** Packets charged and not yet on a ring. */
  public int queued() {
    return queued;
  }
}

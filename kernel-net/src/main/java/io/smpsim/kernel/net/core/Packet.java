package io.smpsim.kernel.net.core;

/**
 * One packet as the qdisc layer sees it (an sk_buff): its length, the flow fields classifiers and
 * flow hashes read, and the per-qdisc control-block values ({@code qdisc_skb_cb}) the data path
 * writes. Mutable like an skb; a qdisc owns it while it is queued.
 */
public final class Packet {

  /** IPv4 ethertype, the protocol of every packet the oracle sends. */
  public static final int ETH_P_IP = 0x0800;
  /** IP protocol number of UDP. */
  public static final int IPPROTO_UDP = 17;
  /** IP protocol number of TCP. */
  public static final int IPPROTO_TCP = 6;

  private final long id;
  private int len;
  private int pktLen;
  private int protocol = ETH_P_IP;
  private int ipProto = IPPROTO_UDP;
  private int srcIp;
  private int dstIp;
  private int srcPort;
  private int dstPort;
  private long mark;
  private int priority;
  private int queueMapping;
  private int socketQueue = -1;
  private long enqueueTimeNs;
  private long timeToSendNs;
  private int tcClassid;
  private int owner = -1;
  private long bornNs;
  private long xmitCostNs;

  /** A packet of {@code len} bytes on the wire (skb->len, L2 header included). */
  public Packet(long id, int len) {
    this.id = id;
    this.len = len;
    this.pktLen = len;
  }

  /** A UDP datagram with the given flow fields; {@code len} is the L2 length. */
  public static Packet udp(long id, int len, int srcIp, int dstIp, int srcPort, int dstPort) {
    Packet p = new Packet(id, len);
    p.srcIp = srcIp;
    p.dstIp = dstIp;
    p.srcPort = srcPort;
    p.dstPort = dstPort;
    return p;
  }

  /** A copy with the same flow and a new id (netem duplication, skb_clone). */
  public Packet copy(long newId) {
    Packet p = new Packet(newId, len);
    p.pktLen = pktLen;
    p.protocol = protocol;
    p.ipProto = ipProto;
    p.srcIp = srcIp;
    p.dstIp = dstIp;
    p.srcPort = srcPort;
    p.dstPort = dstPort;
    p.mark = mark;
    p.priority = priority;
    p.queueMapping = queueMapping;
    p.socketQueue = socketQueue;
    p.enqueueTimeNs = enqueueTimeNs;
    p.timeToSendNs = timeToSendNs;
    p.tcClassid = tcClassid;
    p.bornNs = bornNs;
    return p;
  }

  public long id() { return id; }
  public int len() { return len; }
  /** The length the qdiscs account (qdisc_pkt_len: skb->len adjusted by the root's size table). */
  public int pktLen() { return pktLen; }
  public void setPktLen(int pktLen) { this.pktLen = pktLen; }
  public int protocol() { return protocol; }
  public void setProtocol(int protocol) { this.protocol = protocol; }
  public int ipProto() { return ipProto; }
  public void setIpProto(int ipProto) { this.ipProto = ipProto; }
  public int srcIp() { return srcIp; }
  public int dstIp() { return dstIp; }
  public int srcPort() { return srcPort; }
  public int dstPort() { return dstPort; }
  public long mark() { return mark; }
  public void setMark(long mark) { this.mark = mark; }
  /** skb->priority: pfifo_fast and prio map it to a band through their priomap. */
  public int priority() { return priority; }
  public void setPriority(int priority) { this.priority = priority; }
  public int queueMapping() { return queueMapping; }
  public void setQueueMapping(int queueMapping) { this.queueMapping = queueMapping; }
  /**
   * The sending socket's TX queue (sk->sk_tx_queue_mapping), or -1: netdev_pick_tx() keeps it
   * while it names a real queue of the device.
   */
  public int socketQueue() { return socketQueue; }
  public void setSocketQueue(int q) { this.socketQueue = q; }
  /** When a qdisc took the packet (codel's sojourn time starts here). */
  public long enqueueTimeNs() { return enqueueTimeNs; }
  public void setEnqueueTimeNs(long t) { this.enqueueTimeNs = t; }
  /** netem's time_to_send. */
  public long timeToSendNs() { return timeToSendNs; }
  public void setTimeToSendNs(long t) { this.timeToSendNs = t; }
  /** The class an ingress/clsact filter chose (skb->tc_classid). */
  public int tcClassid() { return tcClassid; }
  public void setTcClassid(int c) { this.tcClassid = c; }
  /**
   * The sending socket whose send buffer this packet is charged to (skb->sk), or -1. A copy
   * (netem duplicate) is charged to nobody, like a clone.
   */
  public int owner() { return owner; }
  public void setOwner(int owner) { this.owner = owner; }
  /** When the sending application produced it: a payload timestamp for one-way delay. */
  public long bornNs() { return bornNs; }
  public void setBornNs(long t) { this.bornNs = t; }
  /**
   * CPU time the qdiscs spent on this packet beyond what the transmit path is modelled to cost
   * (htb's class lookups walking their chains): the data path charges it to the CPU that
   * enqueued the packet, once ({@link #takeXmitCostNs}). A copy starts at 0.
   */
  public void addXmitCostNs(long ns) { this.xmitCostNs += ns; }
  /** The cost added since the last take, which starts again from 0. */
  public long takeXmitCostNs() {
    long ns = xmitCostNs;
    xmitCostNs = 0;
    return ns;
  }

  @Override
  public String toString() {
    return "Packet#" + id + "(" + len + "B)";
  }
}

package io.smpsim.kernel.net.dev;

import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.sched.NetdevQueue;
import io.smpsim.kernel.net.sched.Qdisc;
import io.smpsim.kernel.net.sched.QdiscDev;
import io.smpsim.kernel.net.sched.QdiscHash;
import java.util.ArrayList;
import java.util.List;

/**
 * A net_device: identity, link state and parameters, its TX queues and optional ingress queue,
 * the root qdisc ({@code dev->qdisc}) and the per-device qdisc hash that {@code qdisc_lookup()}
 * and the dumps walk.
 */
public final class NetDevice implements QdiscDev {

  private final String name;
  private final int ifindex;
  private final DeviceKind kind;
  private final NetdevQueue[] txQueues;
  private final int numRxQueues;
  private final QdiscHash qdiscHash = new QdiscHash();
  private final List<String> addresses = new ArrayList<>();
  private final List<String> neighbours = new ArrayList<>();
  private final LinkStats stats = new LinkStats();
  private boolean up;
  private int mtu;
  private int txQueueLen;
  private long speedMbps;
  private boolean noQueue;
  private String peer;
  /** The hardware address set with {@code ip link set address}, or null for the default. */
  private String lladdr;
  private Qdisc qdisc;
  private NetdevQueue ingressQueue;
  /**
   * Packets of a sender its qdiscs threw away since the data path last settled them (kfree_skb
   * without a verdict): empty between events.
   */
  private final List<Packet> freed = new ArrayList<>();

  /** A device whose every queue and root start with the builtin {@code noop} qdisc. */
  public NetDevice(String name, int ifindex, DeviceKind kind, int numTx, int numRx, Qdisc noop) {
    this.name = name;
    this.ifindex = ifindex;
    this.kind = kind;
    this.numRxQueues = numRx;
    this.txQueues = new NetdevQueue[numTx];
    for (int i = 0; i < numTx; i++) {
      txQueues[i] = new NetdevQueue(this, i, noop);
    }
    this.mtu = kind.defaultMtu();
    this.txQueueLen = kind.defaultTxQueueLen();
    this.speedMbps = kind.defaultSpeedMbps();
    this.noQueue = kind.noQueue();
    this.qdisc = noop;
  }

  public String name() { return name; }
  public int ifindex() { return ifindex; }
  public DeviceKind kind() { return kind; }
  public boolean isUp() { return up; }
  public void setUp(boolean up) { this.up = up; }
  public int mtu() { return mtu; }
  public void setMtu(int mtu) { this.mtu = mtu; }
  public int txQueueLen() { return txQueueLen; }
  public void setTxQueueLen(int len) { this.txQueueLen = len; }
  public long speedMbps() { return speedMbps; }
  public void setSpeedMbps(long speedMbps) { this.speedMbps = speedMbps; }
  /** IFF_NO_QUEUE. */
  public boolean noQueue() { return noQueue; }
  public int numTxQueues() { return txQueues.length; }
  public int numRxQueues() { return numRxQueues; }
  /** netif_is_multiqueue(). */
  public boolean isMultiqueue() { return txQueues.length > 1; }
  public NetdevQueue txQueue(int i) { return txQueues[i]; }
  /** The veth peer's name, or {@code null}. */
  public String peer() { return peer; }
  /** The Ethernet address as ip prints it: the one set, or 02:00:00:00:00:ifindex. */
  public String lladdr() {
    return lladdr != null ? lladdr : String.format("02:00:00:00:00:%02x", ifindex & 0xFF);
  }
  public void setLladdr(String lladdr) { this.lladdr = lladdr; }
  public void setPeer(String peer) { this.peer = peer; }
  /** dev->qdisc: the root qdisc. */
  public Qdisc qdisc() { return qdisc; }
  public void setQdisc(Qdisc q) { this.qdisc = q; }
  /** The ingress queue, or {@code null} before an ingress/clsact qdisc was first requested. */
  public NetdevQueue ingressQueue() { return ingressQueue; }
  /** dev_ingress_queue_create(): the ingress queue, created on first use. */
  public NetdevQueue ingressQueueCreate(Qdisc noop) {
    if (ingressQueue == null) {
      ingressQueue = new NetdevQueue(this, -1, noop);
    }
    return ingressQueue;
  }
  public QdiscHash qdiscHash() { return qdiscHash; }
  /** psched_mtu(): the MTU plus the link-layer header. */
  public int pschedMtu() { return mtu + 14; }

  @Override
  public void kfreeSkb(Packet p) {
    if (p.owner() >= 0) {
      freed.add(p);
    }
  }

  /** The packets {@link #kfreeSkb} took since the last call, oldest first; the list empties. */
  public List<Packet> takeFreed() {
    if (freed.isEmpty()) {
      return List.of();
    }
    List<Packet> out = new ArrayList<>(freed);
    freed.clear();
    return out;
  }
  /** Addresses given with {@code ip addr add}, as typed (e.g. {@code 192.0.2.1/24}). */
  public List<String> addresses() { return addresses; }
  /** Permanent neighbours given with {@code ip neigh add}. */
  public List<String> neighbours() { return neighbours; }
  /** The device's packet counters. */
  public LinkStats stats() { return stats; }

  @Override
  public String toString() {
    return name;
  }
}

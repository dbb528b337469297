package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Packet;

/**
 * A net_device as the packet scheduler sees it ({@code qdisc_dev()}): its identity, the TX
 * queues and ingress queue qdiscs attach to, the root qdisc ({@code dev->qdisc}), the per-device
 * qdisc hash, and the few link parameters qdiscs read (tx_queue_len, the MTU). The device layer
 * implements it, so the scheduler knows no device class.
 */
public interface QdiscDev {

  String name();

  int ifindex();

  /** netif_running(). */
  boolean isUp();

  /** IFF_NO_QUEUE. */
  boolean noQueue();

  int numTxQueues();

  /** netif_is_multiqueue(). */
  boolean isMultiqueue();

  NetdevQueue txQueue(int i);

  /** The ingress queue, or {@code null} before an ingress/clsact qdisc was first requested. */
  NetdevQueue ingressQueue();

  /** dev_ingress_queue_create(): the ingress queue, created on first use. */
  NetdevQueue ingressQueueCreate(Qdisc noop);

  /** dev->qdisc: the root qdisc. */
  Qdisc qdisc();

  void setQdisc(Qdisc q);

  QdiscHash qdiscHash();

  int txQueueLen();

  void setTxQueueLen(int len);

  /** psched_mtu(): the MTU plus the link-layer header. */
  int pschedMtu();

  /**
   * kfree_skb() of a packet a qdisc threw away without a verdict to its sender (a reset, a
   * purge, a head drop): its socket is uncharged at once, as sock_wfree() does for each skb
   * freed, whatever the ancestors' counters say.
   */
  void kfreeSkb(Packet p);
}

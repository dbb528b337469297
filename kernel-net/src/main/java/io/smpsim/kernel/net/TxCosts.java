package io.smpsim.kernel.net;

/**
 * What the transmit path below the socket costs the CPU that runs it, per packet (busy time in
 * /proc/stat; the sending task's next packet waits for it).
 *
 * <p>Calibration: the lock and memory figures are Jesper Dangaard Brouer's measurements in
 * "Network stack challenges at increasing speeds" (LCA 2015): a spin_lock()/spin_unlock() pair
 * about 16 ns, a cache miss about 32 ns. An enqueue or a dequeue under the root lock is one lock
 * round trip and about one miss on the qdisc's or the skb's lines: 50 ns each. The driver's
 * ndo_start_xmit() (mapping the skb, writing its descriptor, the tail-register doorbell
 * without xmit_more batching) is taken as 200 ns, so that a CPU doing nothing but run one queue
 * tops out near 3.3 Mpps, a small fraction of the 2 us a UDP send costs above
 * {@code __dev_queue_xmit()}: a 10 Gbit/s link of full-size frames (815 kpps) stays
 * wire-limited, and a sender's CPU only saturates on small packets at high rates or behind an
 * expensive classifier.
 */
final class TxCosts {

  /** qdisc enqueue under the root lock (__dev_xmit_skb() -> dev_qdisc_enqueue()). */
  static final long ENQUEUE_NS = 50;

  /** One dequeue_skb() under the root lock, in qdisc_restart(). */
  static final long DEQUEUE_NS = 50;

  /** The driver's ndo_start_xmit() under HARD_TX_LOCK, the root lock dropped (sch_direct_xmit()). */
  static final long DRIVER_XMIT_NS = 200;

  private TxCosts() {}
}

package io.smpsim.kernel.net.sched;


/**
 * One netdev_queue (a TX queue, or the ingress queue): the qdisc configured on it
 * ({@code qdisc_sleeping}) and the one the data path uses ({@code qdisc}: the same while the
 * device is up, the builtin noop while it is down).
 */
public final class NetdevQueue {

  private final QdiscDev dev;
  private final int index;
  private final Qdisc noop;
  private Qdisc qdiscSleeping;

  /** Queue {@code index} of {@code dev}; {@code -1} is the ingress queue. */
  public NetdevQueue(QdiscDev dev, int index, Qdisc noop) {
    this.dev = dev;
    this.index = index;
    this.noop = noop;
    this.qdiscSleeping = noop;
  }

  public QdiscDev dev() { return dev; }
  /** The TX queue number, or -1 for the ingress queue. */
  public int index() { return index; }
  /** The qdisc the data path enqueues to: the configured one while the device is up. */
  public Qdisc qdisc() { return dev.isUp() ? qdiscSleeping : noop; }
  /** The configured qdisc of this queue. */
  public Qdisc qdiscSleeping() { return qdiscSleeping; }
  public void setQdiscSleeping(Qdisc q) { this.qdiscSleeping = q; }
}

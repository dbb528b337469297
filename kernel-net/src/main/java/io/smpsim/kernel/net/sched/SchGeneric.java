package io.smpsim.kernel.net.sched;


/**
 * Device-level qdisc plumbing of net/sched/sch_generic.c: grafting a qdisc into a netdev
 * queue, attaching the default qdiscs when a device with the noop root comes up, and tearing
 * every qdisc down when the device goes away.
 */
public final class SchGeneric {

  private SchGeneric() {}

  /** dev_graft_qdisc(): install {@code q} ({@code null}: noop) in the queue; returns the old. */
  public static Qdisc graft(NetdevQueue queue, Qdisc q, Qdisc noop) {
    Qdisc old = queue.qdiscSleeping();
    queue.setQdiscSleeping(q == null ? noop : q);
    return old;
  }

  /** dev_activate(): a device whose root is noop gets its default qdiscs. */
  public static void activate(QdiscDev dev, QdiscFactory kinds, QdiscCtx ctx) {
    if (dev.qdisc() == kinds.noop()) {
      attachDefaultQdiscs(dev, kinds, ctx);
    }
  }

  private static void attachOneDefault(QdiscDev dev, NetdevQueue queue, QdiscFactory kinds,
      QdiscCtx ctx, boolean noQueue) {
    Qdisc q = kinds.createDefault(noQueue ? "noqueue" : "pfifo_fast", dev, queue, TcH.ROOT, ctx);
    if (q == null) {
      return;
    }
    if (!dev.isMultiqueue()) {
      q.setFlag(Qdisc.TCQ_F_ONETXQUEUE | Qdisc.TCQ_F_NOPARENT);
    }
    queue.setQdiscSleeping(q);
  }

  /**
   * attach_default_qdiscs(): noqueue on IFF_NO_QUEUE devices, pfifo_fast on single-queue
   * devices, mq with a pfifo_fast per queue on multiqueue devices; noqueue as the fallback.
   */
  public static void attachDefaultQdiscs(QdiscDev dev, QdiscFactory kinds, QdiscCtx ctx) {
    if (!dev.isMultiqueue() || dev.noQueue()) {
      for (int i = 0; i < dev.numTxQueues(); i++) {
        attachOneDefault(dev, dev.txQueue(i), kinds, ctx, dev.noQueue());
      }
      Qdisc q = dev.txQueue(0).qdiscSleeping();
      dev.setQdisc(q);
      q.refcountInc();
    } else {
      Qdisc q = kinds.createDefault("mq", dev, dev.txQueue(0), TcH.ROOT, ctx);
      if (q != null) {
        dev.setQdisc(q);
        q.attach();
      }
    }
    if (dev.qdisc() == kinds.noop()) {
      for (int i = 0; i < dev.numTxQueues(); i++) {
        attachOneDefault(dev, dev.txQueue(i), kinds, ctx, true);
      }
      Qdisc q = dev.txQueue(0).qdiscSleeping();
      dev.setQdisc(q);
      q.refcountInc();
    }
  }

  /** dev_shutdown(): release every qdisc of the device. */
  public static void shutdown(QdiscDev dev, Qdisc noop) {
    for (int i = 0; i < dev.numTxQueues(); i++) {
      graft(dev.txQueue(i), null, noop).put();
    }
    if (dev.ingressQueue() != null) {
      graft(dev.ingressQueue(), null, noop).put();
    }
    Qdisc root = dev.qdisc();
    dev.setQdisc(noop);
    root.put();
  }
}

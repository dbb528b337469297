package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;

/**
 * qdisc_create() of net/sched/sch_api.c: a new qdisc of the requested kind on a device queue,
 * with its handle (given, or the next free auto handle), its shared blocks, options, size
 * table and rate estimator, hashed on its device once everything succeeded.
 */
final class QdiscCreate {

  private final QdiscNet ns;
  private final QdiscKinds kinds;

  QdiscCreate(QdiscNet ns, QdiscKinds kinds) {
    this.ns = ns;
    this.kinds = kinds;
  }

  /** qdisc_alloc_handle(). */
  private int allocHandle(QdiscDev dev) {
    for (int i = 0x8000; i > 0; i--) {
      int h = ns.nextAutohandle();
      if (QdiscTree.lookup(dev, h) == null) {
        return h;
      }
    }
    return 0;
  }

  /** qdisc_create(). */
  Qdisc create(QdiscDev dev, NetdevQueue queue, int parent, int handle, TcMsg m,
      QdiscCtx ctx) {
    Qdisc sch = kinds.newQdisc(m.kind());
    if (sch == null) {
      throw new NetlinkException(Errno.ENOENT, "Specified qdisc kind is unknown");
    }
    sch.attachTo(dev, queue);
    sch.setParent(parent);
    if (handle == TcH.INGRESS) {
      if (!sch.hasFlag(Qdisc.TCQ_F_INGRESS)) {
        throw new NetlinkException(Errno.EINVAL,
            "Specified parent ID is reserved for ingress and clsact Qdiscs");
      }
      handle = TcH.make(TcH.INGRESS, 0);
    } else {
      if (handle == 0) {
        handle = allocHandle(dev);
        if (handle == 0) {
          throw new NetlinkException(Errno.ENOSPC, "Maximum number of qdisc handles was exceeded");
        }
      }
      if (!dev.isMultiqueue()) {
        sch.setFlag(Qdisc.TCQ_F_ONETXQUEUE);
      }
    }
    sch.setHandle(handle);
    if (dev.noQueue() && dev.txQueueLen() == 0) {
      dev.setTxQueueLen(1000);
    }
    try {
      setBlockIndexes(sch, m);
      sch.init(m.options(), ctx);
      if (m.stab() != null) {
        sch.setStab(SizeTable.of(m.stab()));
      }
      if (m.estimator() != null) {
        if (sch.hasFlag(Qdisc.TCQ_F_MQROOT)) {
          throw new NetlinkException(Errno.EOPNOTSUPP,
              "Cannot attach rate estimator to a multi-queue root qdisc");
        }
        try {
          sch.setRateEstimator(RateEstimator.create(m.estimator(), ctx.nowNs(), 0, 0));
        } catch (NetlinkException e) {
          // Before "[NET_SCHED]: report an error if the rate estimator is bogus" qdisc_create()
          // called gen_new_estimator() and dropped its result: the qdisc goes on without one.
          if (!ns.quirk(SchedQuirk.ESTIMATOR_ERRORS_IGNORED)) {
            throw new NetlinkException(e.errno(), "Failed to generate new estimator");
          }
        }
      }
    } catch (NetlinkException e) {
      sch.put();
      throw e;
    }
    QdiscTree.hashAdd(sch, false);
    return sch;
  }

  /**
   * qdisc_block_indexes_set(): only ingress and clsact take a shared ingress block, only clsact
   * an egress one. Runs before the kind's init, so it is the first thing a new qdisc refuses.
   */
  private static void setBlockIndexes(Qdisc sch, TcMsg m) {
    if (m.ingressBlock() != 0) {
      if (!(sch instanceof Ingress i)) {
        throw new NetlinkException(Errno.EOPNOTSUPP, "Ingress block sharing is not supported");
      }
      i.setIngressBlockIndex(m.ingressBlock());
    }
    if (m.egressBlock() != 0) {
      if (!(sch instanceof Clsact c)) {
        throw new NetlinkException(Errno.EOPNOTSUPP, "Egress block sharing is not supported");
      }
      c.setEgressBlockIndex(m.egressBlock());
    }
  }
}

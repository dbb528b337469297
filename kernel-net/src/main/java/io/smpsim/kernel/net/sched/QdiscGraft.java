package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;

/**
 * qdisc_graft() of net/sched/sch_api.c: put a qdisc in place of another, at a device's root (on
 * every TX queue, or through mq's attach), on its ingress queue, or in a class of a parent.
 */
final class QdiscGraft {

  private final QdiscNet ns;
  private final QdiscKinds kinds;

  QdiscGraft(QdiscNet ns, QdiscKinds kinds) {
    this.ns = ns;
    this.kinds = kinds;
  }

  /** qdisc_graft(): put {@code newQ} in place of {@code old} under {@code parent}. */
  void graft(QdiscDev dev, Qdisc parent, int classid, Qdisc newQ, Qdisc old,
      QdiscCtx ctx) {
    if (parent == null) {
      boolean ingress = (old != null && old.hasFlag(Qdisc.TCQ_F_INGRESS))
          || (newQ != null && newQ.hasFlag(Qdisc.TCQ_F_INGRESS));
      if (ingress) {
        NetdevQueue iq = dev.ingressQueue();
        if (iq == null) {
          throw new NetlinkException(Errno.ENOENT, "Device does not have an ingress queue");
        }
        SchGeneric.graft(iq, null, ns.noop()).put();
        SchGeneric.graft(iq, newQ, ns.noop());
      } else {
        if (newQ == null || !newQ.hasAttach()) {
          for (int i = 0; i < dev.numTxQueues(); i++) {
            Qdisc o = SchGeneric.graft(dev.txQueue(i), newQ, ns.noop());
            if (newQ != null && i > 0) {
              newQ.refcountInc();
            }
            o.put();
          }
        }
        Qdisc oldRoot = dev.qdisc();
        if (newQ != null && !newQ.hasAttach()) {
          newQ.refcountInc();
        }
        dev.setQdisc(newQ != null ? newQ : ns.noop());
        oldRoot.put();
        if (newQ != null && newQ.hasAttach()) {
          newQ.attach();
        }
      }
      if (dev.isUp()) {
        SchGeneric.activate(dev, kinds, ctx);
      }
    } else {
      if (!parent.classful()) {
        throw new NetlinkException(Errno.EOPNOTSUPP);
      }
      int cl = parent.clFind(classid);
      if (cl == 0) {
        throw new NetlinkException(Errno.ENOENT, "Specified class not found");
      }
      if (newQ instanceof Noqueue) {
        throw new NetlinkException(Errno.EINVAL, "Cannot assign noqueue to a class");
      }
      if (newQ != null && !parent.hasFlag(Qdisc.TCQ_F_MQROOT) && newQ.stab() != null) {
        throw new NetlinkException(Errno.EINVAL, "STAB not supported on a non root");
      }
      Qdisc o = parent.clGraft(cl, newQ, ctx);
      if (o != null) {
        o.put();
      }
    }
  }
}

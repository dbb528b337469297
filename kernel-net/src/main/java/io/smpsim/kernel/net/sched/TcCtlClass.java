package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * tc_ctl_tclass() and tc_dump_tclass() of net/sched/sch_api.c: find the qdisc a class request
 * names (its major from the classid or the parent, the root's by default), then create, change,
 * delete or dump the class through the qdisc's class ops.
 */
final class TcCtlClass {

  private final QdiscNet ns;
  private QdiscOwners owners;

  TcCtlClass(QdiscNet ns) {
    this.ns = ns;
  }

  void setOwners(QdiscOwners o) {
    this.owners = o;
  }

  /** tc_ctl_tclass(). */
  ClassDump ctlClass(QdiscApi.ClassOp op, TcMsg m, QdiscCtx ctx) {
    QdiscDev dev = QdiscApi.device(ns, m.ifindex());
    int portid = m.parent();
    int clid = m.handle();
    int qid = TcH.maj(clid);
    if (portid != TcH.ROOT) {
      int qid1 = TcH.maj(portid);
      if (qid != 0 && qid1 != 0) {
        if (qid != qid1) {
          throw new NetlinkException(Errno.EINVAL);
        }
      } else if (qid1 != 0) {
        qid = qid1;
      } else if (qid == 0) {
        qid = dev.qdisc().handle();
      }
      if (portid != 0) {
        portid = TcH.make(qid, portid);
      }
    } else if (qid == 0) {
      qid = dev.qdisc().handle();
    }
    Qdisc q = QdiscTree.lookup(dev, qid);
    if (q == null) {
      throw new NetlinkException(Errno.ENOENT);
    }
    if (!q.classful()) {
      throw new NetlinkException(Errno.EINVAL);
    }
    if (clid == 0) {
      if (portid == TcH.ROOT) {
        clid = qid;
      }
    } else {
      clid = TcH.make(qid, clid);
    }
    int cl = clid != 0 ? q.clFind(clid) : 0;
    if (cl == 0) {
      if (op != QdiscApi.ClassOp.NEW || !m.has(TcMsg.NLM_F_CREATE)) {
        throw new NetlinkException(Errno.ENOENT);
      }
    } else {
      switch (op) {
        case NEW:
          if (m.has(TcMsg.NLM_F_EXCL)) {
            throw new NetlinkException(Errno.EEXIST);
          }
          break;
        case DEL:
          if (!q.clCanDelete()) {
            throw new NetlinkException(Errno.EOPNOTSUPP);
          }
          q.clDelete(cl, ctx);
          return null;
        default:
          return q.clDump(cl);
      }
    }
    // sch_api.c: a class may not take the id that means "root" (ffff:ffff).
    if (clid == TcH.ROOT) {
      throw new NetlinkException(Errno.EINVAL,
          "Cannot create traffic class with classid TC_H_ROOT");
    }
    if (!q.clCanChange()) {
      throw new NetlinkException(Errno.EOPNOTSUPP);
    }
    int newCl = q.clChange(clid, portid, m, cl, ctx);
    return q.clDump(newCl);
  }

  private void dumpClassesOf(Qdisc q, int parentFilter, List<ClassDump> out) {
    if (QdiscTree.dumpIgnore(q, false) || !q.classful()
        || (parentFilter != 0 && TcH.maj(parentFilter) != q.handle())) {
      return;
    }
    for (int cl : q.clWalk()) {
      ClassDump d = q.clDump(cl);
      if (d != null && owners != null) {
        ClassDump remote = owners.tclass(q, cl, d);
        d = remote != null ? remote : d;
      }
      if (d != null) {
        out.add(d);
      }
    }
  }

  /** tc_dump_tclass() for one device; {@code parent} 0 dumps every qdisc's classes. */
  List<ClassDump> dumpClasses(int ifindex, int parent) {
    List<ClassDump> out = new ArrayList<>();
    QdiscDev dev = ns.device(ifindex);
    if (dev == null) {
      return out;
    }
    Qdisc root = dev.qdisc();
    dumpClassesOf(root, parent, out);
    if (parent != 0) {
      Qdisc q = QdiscTree.matchFromRoot(root, TcH.maj(parent));
      if (q != null && q != root) {
        dumpClassesOf(q, parent, out);
      }
    } else {
      for (Qdisc q : dev.qdiscHash().inDumpOrder()) {
        dumpClassesOf(q, parent, out);
      }
    }
    if (dev.ingressQueue() != null) {
      dumpClassesOf(dev.ingressQueue().qdiscSleeping(), parent, out);
    }
    return out;
  }
}

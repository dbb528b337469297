package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rtnetlink side of the packet scheduler (net/sched/sch_api.c): RTM_NEWQDISC
 * ({@code tc_modify_qdisc}), RTM_DELQDISC/GETQDISC ({@code tc_get_qdisc}), the qdisc dump, and
 * RTM_*TCLASS ({@code tc_ctl_tclass}) with its dump. Every check that can refuse a request runs
 * before the tree changes, in the kernel's order, so a refused request leaves nothing behind
 * (except, as in Linux, an auto handle consumed by a qdisc that was created and then failed).
 */
public final class QdiscApi {

  /** RTM_NEWTCLASS / RTM_DELTCLASS / RTM_GETTCLASS. */
  public enum ClassOp { NEW, DEL, GET }

  private final QdiscNet ns;
  private final QdiscKinds kinds;

  public QdiscApi(QdiscNet ns) {
    this.ns = ns;
    this.kinds = new QdiscKinds(ns);
  }

  public QdiscKinds kinds() {
    return kinds;
  }

  private QdiscDev device(int ifindex) {
    QdiscDev dev = ns.device(ifindex);
    if (dev == null) {
      throw new NetlinkException(Errno.ENODEV);
    }
    return dev;
  }

  /** qdisc_leaf(): the qdisc in class {@code classid} of {@code p}. */
  private static Qdisc leaf(Qdisc p, int classid) {
    if (!p.classful()) {
      throw new NetlinkException(Errno.EOPNOTSUPP, "Parent qdisc is not classful");
    }
    int cl = p.clFind(classid);
    if (cl == 0) {
      throw new NetlinkException(Errno.ENOENT, "Specified class not found");
    }
    return p.clLeaf(cl);
  }

  private static boolean sameKind(TcMsg m, Qdisc q) {
    return m.kind() == null || m.kind().equals(q.kind());
  }

  // ------------------------------------------------------------------------- RTM_NEWQDISC

  /** tc_modify_qdisc(). */
  public void modifyQdisc(TcMsg m, QdiscCtx ctx) {
    QdiscDev dev = device(m.ifindex());
    int clid = m.parent();
    Qdisc q = null;
    Qdisc p = null;
    if (clid != 0) {
      if (clid != TcH.ROOT) {
        if (clid != TcH.INGRESS) {
          p = QdiscTree.lookup(dev, TcH.maj(clid));
          if (p == null) {
            throw new NetlinkException(Errno.ENOENT, "Failed to find specified qdisc");
          }
          if (p.hasFlag(Qdisc.TCQ_F_INGRESS)) {
            throw new NetlinkException(Errno.EOPNOTSUPP,
                "Cannot add children to ingress/clsact qdisc");
          }
          q = leaf(p, clid);
        } else {
          q = dev.ingressQueueCreate(ns.noop()).qdiscSleeping();
        }
      } else {
        q = dev.qdisc();
      }
      if (q != null && q.handle() == 0) {
        q = null;
      }
      if (q == null || m.handle() == 0 || q.handle() != m.handle()) {
        if (m.handle() != 0) {
          if (q != null && !m.has(TcMsg.NLM_F_REPLACE)) {
            throw new NetlinkException(Errno.EEXIST, "NLM_F_REPLACE needed to override");
          }
          if (TcH.min(m.handle()) != 0) {
            throw new NetlinkException(Errno.EINVAL, "Invalid minor handle");
          }
          q = QdiscTree.lookup(dev, m.handle());
          if (q == null) {
            createAndGraft(dev, p, clid, m, ctx, true);
            return;
          }
          if (q.parent() != m.parent()) {
            throw new NetlinkException(Errno.EINVAL,
                "Cannot move an existing qdisc to a different parent");
          }
          if (m.has(TcMsg.NLM_F_EXCL)) {
            throw new NetlinkException(Errno.EEXIST, "Exclusivity flag on, cannot override");
          }
          if (!sameKind(m, q)) {
            throw new NetlinkException(Errno.EINVAL,
                "Invalid qdisc name: must match existing qdisc");
          }
          if (q.hasFlag(Qdisc.TCQ_F_INGRESS)) {
            throw new NetlinkException(Errno.EINVAL, "Cannot regraft ingress or clsact Qdiscs");
          }
          if (q == p || (p != null && checkLoop(q, p, 0))) {
            throw new NetlinkException(Errno.ELOOP, "Qdisc parent/child loop detected");
          }
          if (clid == TcH.INGRESS) {
            throw new NetlinkException(Errno.EINVAL, "Ingress cannot graft directly");
          }
          q.refcountInc();
          graft(dev, p, clid, q, null, ctx);
          return;
        } else {
          if (q == null) {
            createAndGraft(dev, p, clid, m, ctx, true);
            return;
          }
          if (m.kind() != null && !m.kind().equals(q.kind())) {
            boolean create = m.has(TcMsg.NLM_F_CREATE);
            if ((create && m.has(TcMsg.NLM_F_REPLACE)) || (create && m.has(TcMsg.NLM_F_EXCL))) {
              createAndGraft(dev, p, clid, m, ctx, true);
              return;
            }
            if (!create && !m.has(TcMsg.NLM_F_REPLACE) && !m.has(TcMsg.NLM_F_EXCL)) {
              createAndGraft(dev, p, clid, m, ctx, false);
              return;
            }
          }
        }
      }
    } else {
      if (m.handle() == 0) {
        throw new NetlinkException(Errno.EINVAL, "Handle cannot be zero");
      }
      q = QdiscTree.lookup(dev, m.handle());
    }
    if (q == null) {
      throw new NetlinkException(Errno.ENOENT, "Specified qdisc not found");
    }
    if (m.has(TcMsg.NLM_F_EXCL)) {
      throw new NetlinkException(Errno.EEXIST, "Exclusivity flag on, cannot modify");
    }
    if (!sameKind(m, q)) {
      throw new NetlinkException(Errno.EINVAL, "Invalid qdisc name: must match existing qdisc");
    }
    change(q, m, ctx);
  }

  /** qdisc_change(). */
  private void change(Qdisc q, TcMsg m, QdiscCtx ctx) {
    SizeTable stab = null;
    if (m.options() != null) {
      if (!q.canChange()) {
        throw new NetlinkException(Errno.EINVAL,
            "Change operation not supported by specified qdisc");
      }
    }
    if (m.stab() != null) {
      stab = SizeTable.of(m.stab());
    }
    if (m.options() != null) {
      q.change(m.options(), ctx);
    }
    q.setStab(stab);
    if (m.estimator() != null && !q.hasFlag(Qdisc.TCQ_F_MQROOT)) {
      try {
        q.setRateEstimator(RateEstimator.create(m.estimator(), ctx.nowNs(), q.bytesSent(),
            q.packetsSent()));
      } catch (NetlinkException ignored) {
        // qdisc_change() ignores estimator errors: the change cannot be undone any more.
      }
    }
  }

  private static boolean checkLoop(Qdisc q, Qdisc p, int depth) {
    if (!q.classful()) {
      return false;
    }
    for (int cl : q.clWalk()) {
      Qdisc leaf = q.clLeaf(cl);
      if (leaf != null) {
        if (leaf == p || depth > 7) {
          return true;
        }
        if (checkLoop(leaf, p, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  private void createAndGraft(QdiscDev dev, Qdisc p, int clid, TcMsg m, QdiscCtx ctx,
      boolean needCreateFlag) {
    if (needCreateFlag && !m.has(TcMsg.NLM_F_CREATE)) {
      throw new NetlinkException(Errno.ENOENT,
          "Qdisc not found. To create specify NLM_F_CREATE flag");
    }
    Qdisc q;
    if (clid == TcH.INGRESS) {
      q = create(dev, dev.ingressQueueCreate(ns.noop()), m.parent(), m.parent(), m, ctx);
    } else {
      NetdevQueue queue = null;
      if (p != null) {
        queue = p.clSelectQueue(m.parent());
        if (queue == null) {
          queue = p.devQueue();
        }
      } else {
        queue = dev.txQueue(0);
      }
      q = create(dev, queue, m.parent(), m.handle(), m, ctx);
    }
    try {
      graft(dev, p, clid, q, null, ctx);
    } catch (NetlinkException e) {
      q.put();
      throw e;
    }
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
  private Qdisc create(QdiscDev dev, NetdevQueue queue, int parent, int handle, TcMsg m,
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
          throw new NetlinkException(e.errno(), "Failed to generate new estimator");
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

  /** qdisc_graft(): put {@code newQ} in place of {@code old} under {@code parent}. */
  private void graft(QdiscDev dev, Qdisc parent, int classid, Qdisc newQ, Qdisc old,
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

  // ------------------------------------------------------------------------- DEL/GET QDISC

  /** tc_get_qdisc(): with {@code delete}, RTM_DELQDISC; otherwise the qdisc's dump. */
  public QdiscDump getQdisc(TcMsg m, boolean delete, QdiscCtx ctx) {
    QdiscDev dev = device(m.ifindex());
    int clid = m.parent();
    Qdisc q = null;
    Qdisc p = null;
    if (clid != 0) {
      if (clid != TcH.ROOT) {
        if (TcH.maj(clid) != TcH.maj(TcH.INGRESS)) {
          p = QdiscTree.lookup(dev, TcH.maj(clid));
          if (p == null) {
            throw new NetlinkException(Errno.ENOENT, "Failed to find qdisc with specified classid");
          }
          q = leaf(p, clid);
        } else if (dev.ingressQueue() != null) {
          q = dev.ingressQueue().qdiscSleeping();
        }
      } else {
        q = dev.qdisc();
      }
      if (q == null) {
        throw new NetlinkException(Errno.ENOENT, "Cannot find specified qdisc on specified device");
      }
      if (m.handle() != 0 && q.handle() != m.handle()) {
        throw new NetlinkException(Errno.EINVAL, "Invalid handle");
      }
    } else {
      q = QdiscTree.lookup(dev, m.handle());
      if (q == null) {
        throw new NetlinkException(Errno.ENOENT, "Failed to find qdisc with specified handle");
      }
    }
    if (!sameKind(m, q)) {
      throw new NetlinkException(Errno.EINVAL, "Invalid qdisc name: must match existing qdisc");
    }
    if (delete) {
      if (clid == 0) {
        throw new NetlinkException(Errno.EINVAL, "Classid cannot be zero");
      }
      if (q.handle() == 0) {
        throw new NetlinkException(Errno.ENOENT, "Cannot delete qdisc with handle of zero");
      }
      graft(dev, p, clid, null, q, ctx);
      return null;
    }
    return dump(q, ctx.nowNs());
  }

  // ------------------------------------------------------------------------- dumps

  /** tc_fill_qdisc() for one qdisc. */
  public QdiscDump dump(Qdisc q, long nowNs) {
    SizeTable st = q.stab();
    int ingressBlock = q instanceof Ingress i ? i.ingressBlockIndex() : 0;
    int egressBlock = q instanceof Clsact c ? c.egressBlockIndex() : 0;
    return new QdiscDump(q.dev().ifindex(), q.handle(), q.parent(), q.refcnt(), q.kind(),
        q.dumpOptions(), st == null ? null : st.spec(), q.stats(nowNs), q.xstats(), ingressBlock,
        egressBlock);
  }

  private static boolean dumpIgnore(Qdisc q, boolean invisible) {
    return q.hasFlag(Qdisc.TCQ_F_BUILTIN) || (q.hasFlag(Qdisc.TCQ_F_INVISIBLE) && !invisible);
  }

  /** tc_dump_qdisc(): every device's root, its hashed qdiscs, then its ingress qdisc. */
  public List<QdiscDump> dumpQdiscs(boolean invisible, long nowNs) {
    List<QdiscDump> out = new ArrayList<>();
    for (QdiscDev dev : ns.devices()) {
      Qdisc root = dev.qdisc();
      if (!dumpIgnore(root, invisible)) {
        out.add(dump(root, nowNs));
      }
      for (Qdisc q : dev.qdiscHash().inDumpOrder()) {
        if (!dumpIgnore(q, invisible)) {
          out.add(dump(q, nowNs));
        }
      }
      if (dev.ingressQueue() != null) {
        Qdisc ing = dev.ingressQueue().qdiscSleeping();
        if (!dumpIgnore(ing, invisible)) {
          out.add(dump(ing, nowNs));
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------- classes

  /** tc_ctl_tclass(). */
  public ClassDump ctlClass(ClassOp op, TcMsg m, QdiscCtx ctx) {
    QdiscDev dev = device(m.ifindex());
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
      if (op != ClassOp.NEW || !m.has(TcMsg.NLM_F_CREATE)) {
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

  private static void dumpClassesOf(Qdisc q, int parentFilter, List<ClassDump> out) {
    if (dumpIgnore(q, false) || !q.classful()
        || (parentFilter != 0 && TcH.maj(parentFilter) != q.handle())) {
      return;
    }
    for (int cl : q.clWalk()) {
      ClassDump d = q.clDump(cl);
      if (d != null) {
        out.add(d);
      }
    }
  }

  /** tc_dump_tclass() for one device; {@code parent} 0 dumps every qdisc's classes. */
  public List<ClassDump> dumpClasses(int ifindex, int parent) {
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

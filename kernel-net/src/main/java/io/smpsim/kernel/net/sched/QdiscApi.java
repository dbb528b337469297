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
  private final QdiscCreate creator;
  private final QdiscGraft grafter;
  private final TcCtlClass classes;
  /** Who dumps the qdiscs other entities run, while a dump gathered from them is printed. */
  private QdiscOwners owners;

  public QdiscApi(QdiscNet ns) {
    this.ns = ns;
    this.kinds = new QdiscKinds(ns);
    this.creator = new QdiscCreate(ns, kinds);
    this.grafter = new QdiscGraft(ns, kinds);
    this.classes = new TcCtlClass(ns);
  }

  /**
   * Dumps that follow take the qdiscs and classes {@code o} answers for from it ({@code null}:
   * every dump is local again).
   */
  public void setOwners(QdiscOwners o) {
    this.owners = o;
    classes.setOwners(o);
  }

  public QdiscKinds kinds() {
    return kinds;
  }

  /** __dev_get_by_index(), or ENODEV. */
  static QdiscDev device(QdiscNet ns, int ifindex) {
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
    QdiscDev dev = device(ns, m.ifindex());
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
          grafter.graft(dev, p, clid, q, null, ctx);
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
      q = creator.create(dev, dev.ingressQueueCreate(ns.noop()), m.parent(), m.parent(), m, ctx);
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
      q = creator.create(dev, queue, m.parent(), m.handle(), m, ctx);
    }
    try {
      grafter.graft(dev, p, clid, q, null, ctx);
    } catch (NetlinkException e) {
      q.put();
      throw e;
    }
  }

  // ------------------------------------------------------------------------- DEL/GET QDISC

  /** tc_get_qdisc(): with {@code delete}, RTM_DELQDISC; otherwise the qdisc's dump. */
  public QdiscDump getQdisc(TcMsg m, boolean delete, QdiscCtx ctx) {
    QdiscDev dev = device(ns, m.ifindex());
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
      grafter.graft(dev, p, clid, null, q, ctx);
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
    QdiscDump local = new QdiscDump(q.dev().ifindex(), q.handle(), q.parent(), q.refcnt(),
        q.kind(), q.dumpOptions(), st == null ? null : st.spec(), q.stats(nowNs), q.xstats(),
        ingressBlock, egressBlock);
    QdiscDump remote = owners == null ? null : owners.qdisc(q, local);
    return remote != null ? remote : local;
  }

  /** tc_dump_qdisc(): every device's root, its hashed qdiscs, then its ingress qdisc. */
  public List<QdiscDump> dumpQdiscs(boolean invisible, long nowNs) {
    List<QdiscDump> out = new ArrayList<>();
    for (QdiscDev dev : ns.devices()) {
      Qdisc root = dev.qdisc();
      if (!QdiscTree.dumpIgnore(root, invisible)) {
        out.add(dump(root, nowNs));
      }
      for (Qdisc q : dev.qdiscHash().inDumpOrder()) {
        if (!QdiscTree.dumpIgnore(q, invisible)) {
          out.add(dump(q, nowNs));
        }
      }
      if (dev.ingressQueue() != null) {
        Qdisc ing = dev.ingressQueue().qdiscSleeping();
        if (!QdiscTree.dumpIgnore(ing, invisible)) {
          out.add(dump(ing, nowNs));
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------- classes

  /** tc_ctl_tclass(): RTM_NEWTCLASS, RTM_DELTCLASS, RTM_GETTCLASS. */
  public ClassDump ctlClass(ClassOp op, TcMsg m, QdiscCtx ctx) {
    return classes.ctlClass(op, m, ctx);
  }

  /** tc_dump_tclass() for one device; {@code parent} 0 dumps every qdisc's classes. */
  public List<ClassDump> dumpClasses(int ifindex, int parent) {
    return classes.dumpClasses(ifindex, parent);
  }
}

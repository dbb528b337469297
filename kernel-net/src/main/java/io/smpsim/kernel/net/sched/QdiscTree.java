package io.smpsim.kernel.net.sched;


/**
 * Tree-wide helpers of net/sched/sch_api.c: looking a qdisc up by handle on a device, hashing a
 * new qdisc, and telling every ancestor that packets left a child outside the dequeue path.
 */
public final class QdiscTree {

  private QdiscTree() {}

  /** qdisc_match_from_root(): the root itself (unless builtin) or a hashed qdisc. */
  public static Qdisc matchFromRoot(Qdisc root, int handle) {
    if (root == null) {
      return null;
    }
    if (root.dev() == null) {
      return root.handle() == handle ? root : null;
    }
    if (!root.hasFlag(Qdisc.TCQ_F_BUILTIN) && root.handle() == handle) {
      return root;
    }
    return root.dev().qdiscHash().find(handle);
  }

  /** qdisc_lookup(): egress tree first, then the ingress qdisc; handle 0 never matches. */
  public static Qdisc lookup(QdiscDev dev, int handle) {
    if (handle == 0) {
      return null;
    }
    Qdisc q = matchFromRoot(dev.qdisc(), handle);
    if (q != null) {
      return q;
    }
    if (dev.ingressQueue() != null) {
      Qdisc ing = dev.ingressQueue().qdiscSleeping();
      if (!ing.hasFlag(Qdisc.TCQ_F_BUILTIN) && ing.handle() == handle) {
        return ing;
      }
    }
    return null;
  }

  /** qdisc_hash_add(): every non-root, non-ingress qdisc goes into the device hash. */
  public static void hashAdd(Qdisc q, boolean invisible) {
    if (q.parent() != TcH.ROOT && !q.hasFlag(Qdisc.TCQ_F_INGRESS) && q.dev() != null) {
      q.dev().qdiscHash().add(q);
      if (invisible) {
        q.setFlag(Qdisc.TCQ_F_INVISIBLE);
      }
    }
  }

  /**
   * qdisc_tree_reduce_backlog(): {@code n} packets of {@code len} bytes left {@code sch} outside
   * its dequeue (purge, graft, change, class delete); every ancestor forgets them and counts
   * them as dropped, and a parent whose child became empty is notified.
   */
  public static void reduceBacklog(Qdisc sch, int n, long len) {
    reduceBacklog(sch, n, len, Integer.MAX_VALUE);
  }

  /** {@link #reduceBacklog(Qdisc, int, long)} up to {@code levels} ancestors. */
  private static void reduceBacklog(Qdisc sch, int n, long len, int levels) {
    int drops = Math.max(n, 0);
    int parentid;
    while ((parentid = sch.parent()) != 0 && levels-- > 0) {
      if (parentid == TcH.ROOT || sch.hasFlag(Qdisc.TCQ_F_NOPARENT)) {
        break;
      }
      if (TcH.maj(parentid) == TcH.maj(TcH.INGRESS)) {
        break;
      }
      boolean notify = sch.qlen() == 0;
      Qdisc p = lookup(sch.dev(), TcH.maj(parentid));
      if (p == null) {
        break;
      }
      if (notify) {
        int cl = p.clFind(parentid);
        if (cl != 0) {
          p.clQlenNotify(cl);
        }
      }
      p.addQueued(-n, -len);
      p.countDrops(drops);
      sch = p;
    }
  }

  /**
   * qdisc_tree_decrease_qlen() before Jarek Poplawski's fix (2.6.25): the walk goes up by
   * qdisc_lookup(TC_H_MAJ(parentid)) until the lookup fails, with no stop at TC_H_ROOT or at the
   * ingress major. A root qdisc's parent TC_H_ROOT has the major ffff:, the ingress qdisc's
   * handle, and so has the ingress qdisc's own parent (ffff:fff1): with an ingress qdisc on the
   * device the walk finds it, then finds it again, for ever, with RTNL and the root lock held.
   */
  private static void lookupLoop(Qdisc sch) {
    int parentid;
    while (sch.dev() != null && (parentid = sch.parent()) != 0) {
      Qdisc p = lookup(sch.dev(), TcH.maj(parentid));
      if (p == null) {
        return;
      }
      if (p == sch) {
        throw new EndlessLoop("qdisc_tree_reduce_backlog+0x5b/0x130");
      }
      sch = p;
    }
  }

  /** qdisc_purge_queue(): discard everything in {@code sch} and tell the ancestors. */
  public static void purgeQueue(Qdisc sch) {
    int n = sch.qlen();
    long len = sch.backlog();
    sch.reset();
    // The control plane's purge (class delete, graft) is where the old walk looped; the data
    // path's drops (sfq, fq_codel) did not tell the ancestors in that kernel.
    if (n != 0 && sch.quirk(SchedQuirk.QDISC_LOOKUP_INGRESS_LOOP)) {
      lookupLoop(sch);
    }
    reduceSubtree(sch, n, len);
  }

  /** qdisc_tree_flush_backlog(): like purge, but the packets stay counted in {@code sch}. */
  public static void flushBacklog(Qdisc sch) {
    int n = sch.qlen();
    long len = sch.backlog();
    reduceSubtree(sch, n, len);
  }

  /**
   * A control-plane change of one subtree (graft, class delete, class change) tells the
   * ancestors. With the quirk no-qlen-propagation only the parent running the operation
   * adjusts itself and notifies its class, as 2.6.17's class operations did by hand
   * ({@code sch->q.qlen -= (*old)->q.qlen} in htb_graft()); the qdiscs above it keep the
   * purged packets in their qlen and backlog until they are reset.
   */
  private static void reduceSubtree(Qdisc sch, int n, long len) {
    reduceBacklog(sch, n, len,
        sch.quirk(SchedQuirk.NO_QLEN_PROPAGATION) ? 1 : Integer.MAX_VALUE);
  }

  /**
   * qdisc_replace(): swap the child held in a class slot, flushing the old child's packets
   * from the ancestors and resetting it.
   */
  public static void retire(Qdisc old) {
    if (old != null && !old.hasFlag(Qdisc.TCQ_F_BUILTIN)) {
      purgeQueue(old);
    }
  }

  /** tc_qdisc_dump_ignore(): builtin qdiscs never, invisible ones only when asked. */
  static boolean dumpIgnore(Qdisc q, boolean invisible) {
    return q.hasFlag(Qdisc.TCQ_F_BUILTIN) || (q.hasFlag(Qdisc.TCQ_F_INVISIBLE) && !invisible);
  }
}

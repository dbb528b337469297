package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;

/**
 * htb's class operations (sch_htb.c {@code htb_class_ops}): creating and changing a class
 * ({@code htb_change_class()}: a leaf that gets a child becomes an inner class and its queue is
 * purged), deleting one ({@code htb_delete()}) and dumping one with its statistics.
 */
final class HtbClassOps {

  private static final int MAXDEPTH = HtbRows.MAXDEPTH;
  private static final int NUMPRIO = HtbRows.NUMPRIO;
  private static final long MBUFFER_NS = 60_000_000_000L;

  private HtbClassOps() {}

  /** htb_change_class(): create class {@code classid} under {@code parentid}, or change {@code cl}. */
  static int change(Htb q, int classid, int parentid, TcMsg msg, int cl, QdiscCtx ctx) {
    ClassHash<HtbClass> clhash = q.clhash;
    if (!(msg.options() instanceof HtbOpt hopt)) {
      throw new NetlinkException(Errno.EINVAL);
    }
    HtbClass parentCl = parentid == TcH.ROOT ? null : clhash.find(parentid);
    if (hopt.rate().rate() == 0 || hopt.ceil().rate() == 0) {
      throw new NetlinkException(Errno.EINVAL);
    }
    long rate64 = hopt.rate64() == null ? 0 : hopt.rate64();
    long ceil64 = hopt.ceil64() == null ? 0 : hopt.ceil64();
    HtbClass c = cl == 0 ? null : clhash.find(cl);
    RateEstimator est = null;
    Qdisc parentQdisc = null;
    if (c == null) {
      if (classid == 0 || TcH.maj(classid ^ q.handle()) != 0 || clhash.find(classid) != null) {
        throw new NetlinkException(Errno.EINVAL);
      }
      if (parentCl != null && parentCl.parent != null && parentCl.parent.level < 2) {
        throw new NetlinkException(Errno.EINVAL, "sch_htb: tree is too deep");
      }
      if (msg.estimator() != null) {
        est = RateEstimator.create(msg.estimator(), ctx.nowNs(), 0, 0);
      }
      c = new HtbClass(classid);
      c.rateEst = est;
      Qdisc newQ = q.defaultLeaf(classid);
      if (parentCl != null && parentCl.level == 0) {
        QdiscTree.purgeQueue(parentCl.leaf);
        parentQdisc = parentCl.leaf;
        parentCl.cmode = HtbClass.CAN_SEND;
        parentCl.level = (parentCl.parent != null ? parentCl.parent.level : MAXDEPTH) - 1;
        parentCl.leaf = null;
      }
      c.leaf = newQ;
      c.parent = parentCl;
      c.tokens = Psched.ticks2ns(hopt.buffer());
      c.ctokens = Psched.ticks2ns(hopt.cbuffer());
      c.mbuffer = MBUFFER_NS;
      c.tC = ctx.nowNs();
      c.cmode = HtbClass.CAN_SEND;
      clhash.insert(c);
      if (parentCl != null) {
        parentCl.children++;
      }
      QdiscTree.hashAdd(c.leaf, true);
    } else if (msg.estimator() != null) {
      c.rateEst = RateEstimator.create(msg.estimator(), ctx.nowNs(), c.bytes, c.packets);
    }
    c.rate = PschedRate.precompute(hopt.rate(), rate64);
    c.ceil = PschedRate.precompute(hopt.ceil(), ceil64);
    int warn = 0;
    if (c.level == 0) {
      long quantum = Long.divideUnsigned(c.rate.rateBytesPs(), q.rate2quantum);
      c.quantum = Long.compareUnsigned(quantum, Integer.MAX_VALUE) > 0 ? Integer.MAX_VALUE
          : quantum;
      if (hopt.quantum() == 0 && c.quantum < 1000) {
        warn = -1;
        c.quantum = 1000;
      }
      if (hopt.quantum() == 0 && c.quantum > 200000) {
        warn = 1;
        c.quantum = 200000;
      }
      if (hopt.quantum() != 0) {
        c.quantum = hopt.quantum();
      }
      c.prio = (int) Math.min(hopt.prio(), NUMPRIO - 1);
    }
    c.buffer = Psched.ticks2ns(hopt.buffer());
    c.cbuffer = Psched.ticks2ns(hopt.cbuffer());
    if (parentQdisc != null) {
      parentQdisc.put();
    }
    if (warn != 0) {
      ctx.extack().warn("sch_htb: quantum of class " + Integer.toHexString(c.classid).toUpperCase()
          + " is " + (warn == -1 ? "small" : "big") + ". Consider r2q change.");
    }
    clhash.grow();
    return c.classid;
  }

  /** htb_delete(): a class without children goes; a parent left childless is a leaf again. */
  static void delete(Htb q, int cl, QdiscCtx ctx) {
    ClassHash<HtbClass> clhash = q.clhash;
    HtbClass c = clhash.find(cl);
    if (c.children > 0) {
      throw new NetlinkException(Errno.EBUSY, "HTB class in use");
    }
    q.classesChanged();
    boolean lastChild = c.level == 0 && c.parent != null && c.parent.children == 1;
    Qdisc newQ = lastChild ? q.defaultLeaf(c.parent.classid) : null;
    if (c.level == 0) {
      QdiscTree.purgeQueue(c.leaf);
    }
    clhash.remove(c);
    if (c.parent != null) {
      c.parent.children--;
    }
    if (lastChild) {
      HtbClass p = c.parent;
      p.level = 0;
      p.leaf = newQ;
      p.tokens = p.buffer;
      p.ctokens = p.cbuffer;
      p.tC = ctx.nowNs();
      p.cmode = HtbClass.CAN_SEND;
    }
    q.destroyClass(c);
  }

  /** htb_dump_class() and htb_dump_class_stats(). */
  static ClassDump dump(Htb q, int cl) {
    ClassHash<HtbClass> clhash = q.clhash;
    HtbClass c = clhash.find(cl);
    int parentId = c.parent != null ? c.parent.classid : TcH.ROOT;
    int info = c.level == 0 && c.leaf != null ? c.leaf.handle() : 0;
    Long r64 = Long.compareUnsigned(c.rate.rateBytesPs(), 1L << 32) >= 0 ? c.rate.rateBytesPs()
        : null;
    Long c64 = Long.compareUnsigned(c.ceil.rateBytesPs(), 1L << 32) >= 0 ? c.ceil.rateBytesPs()
        : null;
    HtbOpt opt = new HtbOpt(c.rate.getrate(), c.ceil.getrate(), Psched.ns2ticks(c.buffer),
        Psched.ns2ticks(c.cbuffer), c.quantum, c.level, c.prio, r64, c64);
    long qlenLeaf = 0;
    long backlogLeaf = 0;
    if (c.level == 0 && c.leaf != null) {
      qlenLeaf = c.leaf.qlen();
      backlogLeaf = c.leaf.backlog();
    }
    boolean est = c.rateEst != null;
    QStats st = new QStats(c.bytes, c.packets, c.drops, c.overlimits, 0, backlogLeaf, qlenLeaf,
        est, est ? c.rateEst.bps() : 0, est ? c.rateEst.pps() : 0);
    HtbXstats xs = new HtbXstats(c.lends, c.borrows, c.giants, clampTicks(c.tokens),
        clampTicks(c.ctokens));
    return new ClassDump(q.dev().ifindex(), parentId, c.classid, info, q.kind(), opt, st, xs);
  }

  private static int clampTicks(long ns) {
    long t = ns >> Psched.SHIFT;
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, t));
  }
}

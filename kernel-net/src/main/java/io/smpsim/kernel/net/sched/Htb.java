package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.cls.ClassifyResult;
import io.smpsim.kernel.net.cls.TcAction;
import io.smpsim.kernel.net.cls.TcfBlock;
import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.core.Packet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * htb (net/sched/sch_htb.c): hierarchical token buckets. Leaves hold a qdisc; a leaf whose own
 * bucket ({@code rate}/{@code burst}) is empty may borrow from the nearest ancestor that can
 * still send, up to its {@code ceil}. Among the leaves eligible at a level, lower {@code prio}
 * goes first and equal prios share by deficit round robin with {@code quantum}. Unclassified
 * packets go to the {@code default} class, or straight out through the direct queue.
 *
 * <p>A dequeue works as the kernel's does, on the active classes only ({@link HtbRows}): the
 * due mode changes of the wait queue first, then the first row with a class, down its feeds to
 * a leaf. Overlimits are counted when a charge drops a class to CANT_SEND.
 */
public final class Htb extends Qdisc {

  private static final int MAXDEPTH = HtbRows.MAXDEPTH;
  private static final int NUMPRIO = HtbRows.NUMPRIO;
  private static final long MBUFFER_NS = 60_000_000_000L;

  private final ClassHash<HtbClass> clhash = new ClassHash<>();
  private final ArrayDeque<Packet> direct = new ArrayDeque<>();
  private final QdiscWatchdog watchdog = new QdiscWatchdog();
  private final TcfBlock block = new TcfBlock();
  private final int[][] rowPtr = new int[MAXDEPTH][NUMPRIO];
  private long rate2quantum;
  private long defcls;
  private long directQlen;
  private long directPkts;
  private long htbOverlimits;
  /** The rows, feeds and wait queue; {@code null} until the next data-path call rebuilds them. */
  private transient HtbRows rows;
  /** The classifier's verdict beside the class it returns: qerr, and whether it decided. */
  private int qerr;
  private boolean classifyDecided;

  public Htb() {
    super("htb");
  }

  @Override
  public QdiscWatchdog watchdog() {
    return watchdog;
  }

  /** The class {@code classid}, or {@code null}. */
  public HtbClass find(int classid) {
    return clhash.find(classid);
  }

  /** How many classes exist. */
  public int classCount() {
    return clhash.size();
  }

  /** Buckets of the class hash (grows with the class count). */
  public int classHashBuckets() {
    return clhash.buckets();
  }

  // ---------------------------------------------------------------- control plane

  @Override
  public void init(Object options, QdiscCtx ctx) {
    if (!(options instanceof HtbGlob g)) {
      throw new NetlinkException(Errno.EINVAL);
    }
    if (g.version() != HtbGlob.HTB_VER >>> 16) {
      throw new NetlinkException(Errno.EINVAL);
    }
    // sch_htb.c htb_init(): offload needs the root and a device with ndo_setup_tc, which no
    // simulated device has.
    if (g.offload()) {
      if (parent() != TcH.ROOT) {
        throw new NetlinkException(Errno.EOPNOTSUPP, "HTB must be the root qdisc to use offload");
      }
      throw new NetlinkException(Errno.EOPNOTSUPP, "hw-tc-offload ethtool feature flag must be on");
    }
    directQlen = g.directQlen() != null ? g.directQlen() : dev.txQueueLen() & 0xFFFFFFFFL;
    rate2quantum = g.rate2quantum() < 1 ? 1 : g.rate2quantum();
    defcls = g.defcls();
  }

  @Override
  public Object dumpOptions() {
    return new HtbGlob(HtbGlob.HTB_VER, rate2quantum, defcls, 0, directPkts, directQlen,
        false);
  }

  @Override
  public QStats stats(long nowNs) {
    overlimits = htbOverlimits;
    return super.stats(nowNs);
  }

  @Override
  public TcfBlock block(int cl) {
    if (cl == 0) {
      return block;
    }
    HtbClass c = clhash.find(cl);
    return c == null ? null : c.block;
  }

  // ---------------------------------------------------------------- classes

  @Override
  public boolean classful() {
    return true;
  }

  @Override
  public int clFind(int classid) {
    return clhash.find(classid) != null ? classid : 0;
  }

  @Override
  public Qdisc clLeaf(int cl) {
    HtbClass c = clhash.find(cl);
    return c != null && c.level == 0 ? c.leaf : null;
  }

  @Override
  public Qdisc clGraft(int cl, Qdisc newQ, QdiscCtx ctx) {
    classesChanged();
    HtbClass c = clhash.find(cl);
    if (c.level != 0) {
      throw new NetlinkException(Errno.EINVAL);
    }
    if (newQ == null) {
      newQ = defaultLeaf(c.classid);
    }
    Qdisc old = c.leaf;
    c.leaf = newQ;
    QdiscTree.retire(old);
    return old;
  }

  private Qdisc defaultLeaf(int parentClassid) {
    Pfifo p = new Pfifo();
    p.attachTo(dev, devQueue);
    p.setParent(parentClassid);
    p.init(null, null);
    return p;
  }

  @Override
  public boolean clCanChange() {
    return true;
  }

  @Override
  public int clChange(int classid, int parentid, TcMsg msg, int cl, QdiscCtx ctx) {
    classesChanged();
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
      if (classid == 0 || TcH.maj(classid ^ handle()) != 0 || clhash.find(classid) != null) {
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
      Qdisc newQ = defaultLeaf(classid);
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
      long quantum = Long.divideUnsigned(c.rate.rateBytesPs(), rate2quantum);
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

  @Override
  public boolean clCanDelete() {
    return true;
  }

  @Override
  public void clDelete(int cl, QdiscCtx ctx) {
    HtbClass c = clhash.find(cl);
    if (c.children > 0) {
      throw new NetlinkException(Errno.EBUSY, "HTB class in use");
    }
    classesChanged();
    boolean lastChild = c.level == 0 && c.parent != null && c.parent.children == 1;
    Qdisc newQ = lastChild ? defaultLeaf(c.parent.classid) : null;
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
    destroyClass(c);
  }

  private void destroyClass(HtbClass c) {
    if (c.level == 0 && c.leaf != null) {
      c.leaf.put();
    }
  }

  /** htb_qlen_notify(): a leaf emptied outside the dequeue (a purge, a child's drop). */
  @Override
  public void clQlenNotify(int cl) {
    HtbClass c = clhash.find(cl);
    if (rows != null && c != null) {
      rows.sync(c);
    }
  }

  @Override
  public List<Integer> clWalk() {
    List<Integer> ids = new ArrayList<>(clhash.size());
    for (HtbClass c : clhash.inWalkOrder()) {
      ids.add(c.classid);
    }
    return ids;
  }

  @Override
  public ClassDump clDump(int cl) {
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
    return new ClassDump(dev.ifindex(), parentId, c.classid, info, kind(), opt, st, xs);
  }

  private static int clampTicks(long ns) {
    long t = ns >> Psched.SHIFT;
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, t));
  }

  // ---------------------------------------------------------------- data path

  private HtbClass classify(Packet p) {
    if (p.priority() == handle()) {
      return null;
    }
    HtbClass cl = clhash.find(p.priority());
    TcfBlock tcf;
    if (cl != null) {
      if (cl.level == 0) {
        return cl;
      }
      tcf = cl.block;
    } else {
      tcf = block;
    }
    qerr = NetXmit.SUCCESS | NetXmit.BYPASS;
    for (int depth = 0; tcf != null && depth < MAXDEPTH + 1; depth++) {
      ClassifyResult res = tcf.classify(p);
      if (res == null) {
        break;
      }
      if (res.action() == TcAction.STOLEN) {
        qerr = NetXmit.SUCCESS | NetXmit.STOLEN;
        classifyDecided = true;
        return null;
      }
      if (res.action() == TcAction.SHOT) {
        classifyDecided = true;
        return null;
      }
      if (res.classid() == handle()) {
        return null;
      }
      cl = clhash.find(res.classid());
      if (cl == null) {
        break;
      }
      if (cl.level == 0) {
        return cl;
      }
      tcf = cl.block;
    }
    cl = clhash.find(TcH.make(TcH.maj(handle()), (int) defcls));
    if (cl == null || cl.level != 0) {
      return null;
    }
    return cl;
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    int len = p.pktLen();
    qerr = 0;
    classifyDecided = false;
    HtbClass cl = classify(p);
    if (cl == null && classifyDecided) {
      if ((qerr & NetXmit.BYPASS) != 0) {
        countDrop();
      }
      return qerr;
    }
    if (cl == null) {
      if (direct.size() < directQlen) {
        direct.addLast(p);
        directPkts++;
      } else {
        return dropPacket(p);
      }
    } else {
      int ret = cl.leaf.enqueue(p, nowNs);
      if (rows != null) {
        rows.sync(cl);
      }
      if (ret != NetXmit.SUCCESS) {
        if (NetXmit.dropCount(ret)) {
          countDrop();
          cl.drops++;
        }
        return ret;
      }
    }
    addQueued(1, len);
    return NetXmit.SUCCESS;
  }

  @Override
  protected Packet doDequeue(long nowNs) {
    Packet p = direct.pollFirst();
    if (p == null) {
      if (qlen == 0) {
        return null;
      }
      p = dequeueClasses(nowNs);
    }
    if (p != null) {
      bstatsUpdate(p);
      addQueued(-1, -p.pktLen());
      return p;
    }
    // Nothing may leave now: wake up when the first throttled class's mode improves.
    long next = Math.min(nowNs + 5_000_000_000L, rows.nextEvent());
    watchdog.schedule(next > nowNs ? next : nowNs + 1);
    return null;
  }

  /**
   * htb_dequeue(): the due mode changes first, then level by level (the lowest level that can
   * lend first) and prio by prio, the first row with a class.
   */
  private Packet dequeueClasses(long now) {
    HtbRows r = rows(now);
    r.doEvents(now);
    Packet p = null;
    for (int level = 0; level < HtbRows.MAXDEPTH && p == null; level++) {
      for (int prio = 0; prio < HtbRows.NUMPRIO && p == null; prio++) {
        p = dequeueTree(r, level, prio, now);
      }
    }
    r.endDequeue();
    return p;
  }

  /**
   * htb_dequeue_tree(): the row's next leaf gives a packet; a leaf with nothing to give (a
   * throttled child qdisc) is passed over for the rest of this dequeue. The leaf's deficit pays
   * for the packet and the round-robin pointer moves on when it runs out.
   */
  private Packet dequeueTree(HtbRows r, int level, int prio, long now) {
    while (r.rowActive(level, prio)) {
      HtbClass leaf = r.lookupLeaf(level, prio, rowPtr[level][prio]);
      Packet p = leaf.leaf.dequeue(now);
      if (p == null) {
        advance(leaf, level, prio);
        r.skip(leaf);
        continue;
      }
      leaf.bytes += p.pktLen();
      leaf.packets++;
      leaf.deficit[level] -= p.pktLen();
      if (leaf.deficit[level] < 0) {
        leaf.deficit[level] += leaf.quantum;
        advance(leaf, level, prio);
      }
      r.sync(leaf);
      charge(r, leaf, level, p.pktLen(), now);
      return p;
    }
    return null;
  }

  /** htb_next_rb_node(): the round-robin pointer of the leaf's feed (or row) passes it. */
  private void advance(HtbClass leaf, int level, int prio) {
    if (level > 0) {
      leaf.parent.feedPtr[prio] = leaf.classid + 1;
    } else {
      rowPtr[0][prio] = leaf.classid + 1;
    }
  }

  /**
   * The scheduler's rows, feeds and wait queue, rebuilt at {@code now} after the classes
   * changed (or a checkpoint was restored).
   */
  private HtbRows rows(long now) {
    if (rows == null) {
      rows = new HtbRows(clhash.inWalkOrder(), handle(), now);
    }
    return rows;
  }

  /** The classes or their leaves changed outside the data path: rebuild the rows before use. */
  private void classesChanged() {
    rows = null;
  }

  /** htb_charge_class(): charge the leaf and its ancestors, lending below {@code level}. */
  private void charge(HtbRows r, HtbClass cl, int level, int bytes, long now) {
    while (cl != null) {
      long diff = Math.min(now - cl.tC, cl.mbuffer);
      int oldMode = cl.modeAt(now);
      if (cl.level >= level) {
        if (cl.level == level) {
          cl.lends++;
        }
        long toks = Math.min(diff + cl.tokens, cl.buffer) - cl.rate.l2tNs(bytes);
        cl.tokens = toks <= -cl.mbuffer ? 1 - cl.mbuffer : toks;
      } else {
        cl.borrows++;
        cl.tokens += diff;
      }
      long ctoks = Math.min(diff + cl.ctokens, cl.cbuffer) - cl.ceil.l2tNs(bytes);
      cl.ctokens = ctoks <= -cl.mbuffer ? 1 - cl.mbuffer : ctoks;
      cl.tC = now;
      int newMode = cl.modeAt(now);
      if (newMode != oldMode && newMode == HtbClass.CANT_SEND) {
        cl.overlimits++;
        htbOverlimits++;
      }
      r.charged(cl, newMode, now);
      if (cl.level != 0) {
        cl.bytes += bytes;
        cl.packets++;
      }
      cl = cl.parent;
    }
  }

  @Override
  protected void doReset() {
    for (HtbClass c : clhash.inWalkOrder()) {
      if (c.level == 0 && c.leaf != null) {
        c.leaf.reset();
      }
      c.cmode = HtbClass.CAN_SEND;
    }
    direct.clear();
    watchdog.cancel();
    classesChanged();
  }

  @Override
  protected void doDestroy() {
    watchdog.cancel();
    for (HtbClass c : clhash.inWalkOrder()) {
      destroyClass(c);
    }
  }
}

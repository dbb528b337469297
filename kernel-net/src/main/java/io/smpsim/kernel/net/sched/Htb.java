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
  /** HTB_HSIZE: the class hash's fixed size before 2.6.25 (the quirk fixed-class-hash). */
  static final int HTB_HSIZE = 16;

  final ClassHash<HtbClass> clhash = new ClassHash<>();
  private final ArrayDeque<Packet> direct = new ArrayDeque<>();
  private final QdiscWatchdog watchdog = new QdiscWatchdog();
  private final TcfBlock block = new TcfBlock();
  private final int[][] rowPtr = new int[MAXDEPTH][NUMPRIO];
  long rate2quantum;
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
    if (quirk(SchedQuirk.FIXED_CLASS_HASH) && clhash.size() == 0) {
      clhash.fix(HTB_HSIZE);
    }
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

  /** A class's default leaf: a pfifo with the device's txqueuelen. */
  Qdisc defaultLeaf(int parentClassid) {
    Pfifo p = new Pfifo();
    p.inheritQuirks(this);
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
    return HtbClassOps.change(this, classid, parentid, msg, cl, ctx);
  }

  @Override
  public boolean clCanDelete() {
    return true;
  }

  @Override
  public void clDelete(int cl, QdiscCtx ctx) {
    HtbClassOps.delete(this, cl, ctx);
  }

  void destroyClass(HtbClass c) {
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
    return HtbClassOps.dump(this, cl);
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
    long walked = clhash.walked();
    HtbClass cl = classify(p);
    // htb_classify()'s htb_find() walks: what it passed over costs the transmitting CPU.
    p.addXmitCostNs((clhash.walked() - walked) * ClassHash.ENTRY_NS);
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
      // The prios are taken in order; a row emptied on the way (its leaves had nothing) is
      // passed, one filled on the way cannot be (leaves only leave rows during a dequeue).
      for (int prio = 0; prio < HtbRows.NUMPRIO && p == null && r.rowMask(level) >>> prio != 0;
          prio++) {
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
      htbOverlimits += r.charge(leaf, level, p.pktLen(), now);
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
  void classesChanged() {
    rows = null;
  }

  @Override
  protected void doReset() {
    for (HtbClass c : clhash.inWalkOrder()) {
      if (c.level == 0 && c.leaf != null) {
        c.leaf.reset();
      }
      c.cmode = HtbClass.CAN_SEND;
    }
    free(direct);
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

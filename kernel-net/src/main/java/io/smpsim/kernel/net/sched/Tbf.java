package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.core.Packet;
import java.util.List;

/**
 * tbf (net/sched/sch_tbf.c): a token bucket of {@code burst} bytes filled at {@code rate}, with
 * an optional peak-rate bucket of {@code mtu} bytes. Packets wait in an inner qdisc (by default
 * an invisible bfifo of {@code limit} bytes); one that does not fit the bucket arms the watchdog
 * for the moment it will.
 */
public final class Tbf extends Qdisc {

  private final QdiscWatchdog watchdog = new QdiscWatchdog();
  private Qdisc child;
  private long limit;
  private long maxSize;
  private long bufferNs;
  private long mtuNs;
  private long tokens;
  private long ptokens;
  private long tC;
  private PschedRate rate;
  private PschedRate peak;
  private final Qdisc noop;

  /** A tbf whose empty slot holds {@code noop} (the machine's builtin noop qdisc). */
  public Tbf(Qdisc noop) {
    super("tbf");
    this.noop = noop;
    this.child = noop;
  }

  @Override
  public QdiscWatchdog watchdog() {
    return watchdog;
  }

  public Qdisc child() {
    return child;
  }

  @Override
  public void init(Object options, QdiscCtx ctx) {
    tC = ctx.nowNs();
    if (options == null) {
      throw new NetlinkException(Errno.EINVAL);
    }
    change(options, ctx);
  }

  @Override
  public boolean canChange() {
    return true;
  }

  @Override
  public void change(Object options, QdiscCtx ctx) {
    if (!(options instanceof TbfQopt o)) {
      throw new NetlinkException(Errno.EINVAL);
    }
    long rate64 = o.rate64() == null ? 0 : o.rate64();
    PschedRate r = PschedRate.precompute(o.rate(), rate64);
    long buffer = Math.min(Psched.ticks2ns(o.buffer()), 0xFFFFFFFFL);
    long mtu = Math.min(Psched.ticks2ns(o.mtu()), 0xFFFFFFFFL);
    long maxSz;
    if (o.burst() != null) {
      maxSz = o.burst();
      buffer = r.l2tNs((int) (long) o.burst());
    } else {
      maxSz = Math.min(r.t2l(buffer), 0xFFFFFFFFL);
    }
    PschedRate p = null;
    if (o.peakrate().rateUnsigned() != 0) {
      long prate64 = o.prate64() == null ? 0 : o.prate64();
      p = PschedRate.precompute(o.peakrate(), prate64);
      if (Long.compareUnsigned(p.rateBytesPs(), r.rateBytesPs()) <= 0) {
        throw new NetlinkException(Errno.EINVAL);
      }
      if (o.pburst() != null) {
        maxSz = Math.min(maxSz, o.pburst());
        mtu = p.l2tNs((int) (long) o.pburst());
      } else {
        maxSz = Math.min(maxSz, p.t2l(mtu));
      }
    }
    if (maxSz == 0) {
      throw new NetlinkException(Errno.EINVAL);
    }
    Qdisc newChild = null;
    if (child != noop) {
      if (child instanceof Fifo f) {
        f.setLimit(o.limit());
      }
    } else if (o.limit() > 0) {
      Bfifo b = new Bfifo();
      b.inheritQuirks(this);
      b.attachTo(dev, devQueue);
      b.setParent(TcH.make(handle(), 1));
      b.init(new FifoQopt(o.limit()), ctx);
      QdiscTree.hashAdd(b, true);
      newChild = b;
    }
    Qdisc old = null;
    if (newChild != null) {
      QdiscTree.flushBacklog(child);
      old = child;
      child = newChild;
    }
    this.limit = o.limit();
    this.mtuNs = o.pburst() != null ? mtu : Psched.ticks2ns(o.mtu());
    this.maxSize = maxSz;
    this.bufferNs = o.burst() != null ? buffer : Psched.ticks2ns(o.buffer());
    this.tokens = bufferNs;
    this.ptokens = mtuNs;
    this.rate = r;
    this.peak = p;
    if (old != null) {
      old.put();
    }
  }

  @Override
  public Object dumpOptions() {
    TcRateSpec pr = peak != null ? peak.getrate() : new TcRateSpec(0, 0, 0, 0, 0, 0);
    Long r64 = Long.compareUnsigned(rate.rateBytesPs(), 1L << 32) >= 0 ? rate.rateBytesPs() : null;
    Long p64 = peak != null && Long.compareUnsigned(peak.rateBytesPs(), 1L << 32) >= 0
        ? peak.rateBytesPs() : null;
    return new TbfQopt(rate.getrate(), pr, limit, Psched.ns2ticks(bufferNs),
        Psched.ns2ticks(mtuNs), r64, p64, null, null);
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    int len = p.pktLen();
    if (len > maxSize) {
      return dropPacket(p);
    }
    int ret = child.enqueue(p, nowNs);
    if (ret != NetXmit.SUCCESS) {
      if (NetXmit.dropCount(ret)) {
        countDrop();
      }
      return ret;
    }
    addQueued(1, len);
    return NetXmit.SUCCESS;
  }

  @Override
  protected Packet doDequeue(long nowNs) {
    Packet p = child.peek(nowNs);
    if (p == null) {
      return null;
    }
    int len = p.pktLen();
    long toks = Math.min(nowNs - tC, bufferNs);
    long ptoks = 0;
    if (peak != null) {
      ptoks = toks + ptokens;
      if (ptoks > mtuNs) {
        ptoks = mtuNs;
      }
      ptoks -= peak.l2tNs(len);
    }
    toks += tokens;
    if (toks > bufferNs) {
      toks = bufferNs;
    }
    toks -= rate.l2tNs(len);
    if ((toks | ptoks) >= 0) {
      Packet out = child.dequeue(nowNs);
      if (out == null) {
        return null;
      }
      tC = nowNs;
      tokens = toks;
      ptokens = ptoks;
      addQueued(-1, -out.pktLen());
      bstatsUpdate(out);
      return out;
    }
    watchdog.schedule(nowNs + Math.max(-toks, -ptoks));
    countOverlimit();
    return null;
  }

  @Override
  protected void doReset() {
    child.reset();
    tokens = bufferNs;
    ptokens = mtuNs;
    watchdog.cancel();
  }

  @Override
  protected void doDestroy() {
    watchdog.cancel();
    child.put();
  }

  // ---------------------------------------------------------------- the single class 1

  @Override
  public boolean classful() {
    return true;
  }

  @Override
  public int clFind(int classid) {
    return 1;
  }

  @Override
  public Qdisc clLeaf(int cl) {
    return child;
  }

  @Override
  public Qdisc clGraft(int cl, Qdisc newQ, QdiscCtx ctx) {
    Qdisc old = child;
    child = newQ == null ? noop : newQ;
    QdiscTree.retire(old);
    return old;
  }

  @Override
  public List<Integer> clWalk() {
    return List.of(1);
  }

  @Override
  public ClassDump clDump(int cl) {
    return new ClassDump(dev.ifindex(), handle(), TcH.make(handle(), 1), child.handle(), kind(),
        null, null, null);
  }

  @Override
  public NetdevQueue clSelectQueue(int classid) {
    return null;
  }
}

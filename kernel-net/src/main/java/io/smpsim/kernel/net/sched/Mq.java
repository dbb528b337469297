package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.core.Packet;
import java.util.ArrayList;
import java.util.List;

/**
 * mq (net/sched/sch_mq.c): the root of a multiqueue device. It owns one child per TX queue
 * (class {@code :N} is queue N-1) and, once attached, those children sit directly in the TX
 * queues; mq itself never sees a packet and reports the sum of its children.
 */
public final class Mq extends Qdisc {

  private final QdiscFactory factory;
  private Qdisc[] pending;

  public Mq(QdiscFactory factory) {
    super("mq");
    this.factory = factory;
  }

  @Override
  public void init(Object options, QdiscCtx ctx) {
    if (parent() != TcH.ROOT || !dev.isMultiqueue()) {
      throw new NetlinkException(Errno.EOPNOTSUPP);
    }
    pending = new Qdisc[dev.numTxQueues()];
    for (int ntx = 0; ntx < dev.numTxQueues(); ntx++) {
      Qdisc q = factory.createDefault("pfifo_fast", dev, dev.txQueue(ntx),
          TcH.make(TcH.maj(handle()), ntx + 1), ctx);
      q.setFlag(TCQ_F_ONETXQUEUE | TCQ_F_NOPARENT);
      pending[ntx] = q;
    }
    setFlag(TCQ_F_MQROOT);
  }

  @Override
  public boolean hasAttach() {
    return true;
  }

  /** mq_attach(): graft each child into its TX queue and hash it. */
  @Override
  public void attach() {
    for (int ntx = 0; ntx < dev.numTxQueues(); ntx++) {
      Qdisc child = pending[ntx];
      NetdevQueue txq = dev.txQueue(ntx);
      Qdisc old = txq.qdiscSleeping();
      txq.setQdiscSleeping(child);
      old.put();
      QdiscTree.hashAdd(child, false);
    }
    pending = null;
  }

  @Override
  protected void doDestroy() {
    if (pending != null) {
      for (Qdisc q : pending) {
        q.put();
      }
    }
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    throw new IllegalStateException("mq is never enqueued to");
  }

  @Override
  protected Packet doDequeue(long nowNs) {
    return null;
  }

  @Override
  public Object dumpOptions() {
    return null;
  }

  @Override
  public QStats stats(long nowNs) {
    long b = 0;
    long pk = 0;
    long dr = 0;
    long ov = 0;
    long rq = 0;
    long bl = 0;
    long ql = 0;
    for (int ntx = 0; ntx < dev.numTxQueues(); ntx++) {
      QStats s = dev.txQueue(ntx).qdiscSleeping().stats(nowNs);
      b += s.bytes();
      pk += s.packets();
      dr += s.drops();
      ov += s.overlimits();
      rq += s.requeues();
      bl += s.backlog();
      ql += s.qlen();
    }
    setCounters(b, pk, dr, ov, rq);
    setQueued((int) ql, bl);
    return super.stats(nowNs);
  }

  private NetdevQueue queueOf(int cl) {
    long ntx = (cl & 0xFFFFFFFFL) - 1;
    QdiscDev d = dev;
    return ntx >= 0 && ntx < d.numTxQueues() ? d.txQueue((int) ntx) : null;
  }

  @Override
  public boolean classful() {
    return true;
  }

  @Override
  public int clFind(int classid) {
    int ntx = TcH.min(classid);
    return queueOf(ntx) == null ? 0 : ntx;
  }

  @Override
  public Qdisc clLeaf(int cl) {
    return queueOf(cl).qdiscSleeping();
  }

  @Override
  public Qdisc clGraft(int cl, Qdisc newQ, QdiscCtx ctx) {
    NetdevQueue txq = queueOf(cl);
    Qdisc old = txq.qdiscSleeping();
    txq.setQdiscSleeping(newQ == null ? factory.noop() : newQ);
    if (newQ != null) {
      newQ.setFlag(TCQ_F_ONETXQUEUE);
    }
    return old;
  }

  @Override
  public List<Integer> clWalk() {
    List<Integer> l = new ArrayList<>();
    for (int i = 1; i <= dev.numTxQueues(); i++) {
      l.add(i);
    }
    return l;
  }

  @Override
  public ClassDump clDump(int cl) {
    Qdisc leaf = queueOf(cl).qdiscSleeping();
    return new ClassDump(dev.ifindex(), TcH.ROOT, TcH.make(handle(), cl), leaf.handle(), kind(),
        null, leaf.stats(0), null);
  }

  @Override
  public NetdevQueue clSelectQueue(int classid) {
    return queueOf(TcH.min(classid));
  }
}

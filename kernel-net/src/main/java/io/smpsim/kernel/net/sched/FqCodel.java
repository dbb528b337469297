package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.cls.ClassifyResult;
import io.smpsim.kernel.net.cls.TcfBlock;
import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.core.Packet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * fq_codel (net/sched/sch_fq_codel.c): flows hashed into {@code flows} queues, new flows served
 * before old ones by deficit round robin with {@code quantum}, and CoDel on each flow: once the
 * sojourn time stays above {@code target} for an {@code interval}, packets are dropped at a
 * rate growing with the square root of the drop count. Over {@code limit}, the fattest flow
 * loses up to half its backlog ({@code drop_batch} packets at most).
 */
public final class FqCodel extends Qdisc {

  /** One flow queue with its CoDel state. */
  private static final class Flow {
    final ArrayDeque<Packet> q = new ArrayDeque<>();
    long backlog;
    long deficit;
    boolean listed;
    boolean dropping;
    long count;
    long lastcount;
    long firstAboveTime;
    long dropNext;
  }

  private final TcfBlock block = new TcfBlock();
  private final List<Flow> newFlows = new ArrayList<>();
  private final List<Flow> oldFlows = new ArrayList<>();
  private Flow[] flows;
  private int perturbation;
  private long fqLimit = 10240;
  private long flowsCnt = 1024;
  private long quantum;
  private long targetUs = 5000;
  private long intervalUs = 100_000;
  private boolean ecn = true;
  private Long ceThresholdUs;
  private long dropBatch = 64;
  private long memoryLimit = 32L << 20;
  private long maxpacket;
  private long dropOverlimit;
  private long newFlowCount;
  private long dropCount;
  private long dropLen;

  public FqCodel() {
    super("fq_codel");
  }

  @Override
  public void init(Object options, QdiscCtx ctx) {
    quantum = dev.pschedMtu();
    perturbation = ctx.random() == null ? 0 : (int) ctx.random().nextU32();
    if (options != null) {
      apply((FqCodelOpts) options, true);
    }
    flows = new Flow[(int) flowsCnt];
    for (int i = 0; i < flows.length; i++) {
      flows[i] = new Flow();
    }
  }

  @Override
  public boolean canChange() {
    return true;
  }

  @Override
  public void change(Object options, QdiscCtx ctx) {
    apply((FqCodelOpts) options, false);
    // fq_codel_change(): dequeue (and free) until under the new limit, then tell the parents.
    int n = 0;
    long len = 0;
    while (qlen > fqLimit) {
      Packet p = doDequeue(ctx.nowNs());
      if (p == null) {
        break;
      }
      n++;
      len += p.pktLen();
    }
    QdiscTree.reduceBacklog(this, n, len);
  }

  private void apply(FqCodelOpts o, boolean initial) {
    if (o.flows() != null) {
      if (!initial || o.flows() == 0 || o.flows() > 65536) {
        throw new NetlinkException(Errno.EINVAL);
      }
    }
    if (o.flows() != null) {
      flowsCnt = o.flows();
    }
    if (o.target() != null) {
      targetUs = o.target();
    }
    if (o.ceThreshold() != null) {
      ceThresholdUs = o.ceThreshold();
    }
    if (o.interval() != null) {
      intervalUs = o.interval();
    }
    if (o.limit() != null) {
      fqLimit = o.limit();
    }
    if (o.ecn() != null) {
      ecn = o.ecn() != 0;
    }
    if (o.quantum() != null) {
      quantum = Math.max(256, o.quantum());
    }
    if (o.dropBatch() != null) {
      dropBatch = Math.max(1, o.dropBatch());
    }
    if (o.memoryLimit() != null) {
      memoryLimit = Math.min(1L << 31, o.memoryLimit());
    }
  }

  @Override
  public Object dumpOptions() {
    return new FqCodelOpts(fqLimit, flowsCnt, quantum, targetUs, intervalUs, ecn ? 1L : 0L,
        ceThresholdUs, dropBatch, memoryLimit);
  }

  @Override
  public Object xstats() {
    return new FqCodelXstats(maxpacket, dropOverlimit, 0, newFlowCount, newFlows.size(),
        oldFlows.size(), 0, 0, 0);
  }

  @Override
  public TcfBlock block(int cl) {
    return block;
  }

  private int classify(Packet p) {
    if (!block.isEmpty()) {
      ClassifyResult r = block.classify(p);
      if (r != null && TcH.min(r.classid()) > 0 && TcH.min(r.classid()) <= flowsCnt) {
        return TcH.min(r.classid()) - 1;
      }
    }
    return FlowHash.scale(FlowHash.hash(p, perturbation), (int) flowsCnt);
  }

  private void dropFattest(int maxPackets) {
    Flow fat = null;
    for (Flow f : flows) {
      if (fat == null || f.backlog > fat.backlog) {
        fat = f;
      }
    }
    long threshold = fat.backlog >> 1;
    long len = 0;
    int i = 0;
    do {
      Packet p = fat.q.pollFirst();
      free(p);
      len += p.pktLen();
      fat.backlog -= p.pktLen();
      backlog -= p.pktLen();
      qlen--;
      countDrop();
      i++;
    } while (len < threshold && i < maxPackets && !fat.q.isEmpty());
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    Flow f = flows[classify(p)];
    p.setEnqueueTimeNs(nowNs);
    f.q.addLast(p);
    f.backlog += p.pktLen();
    backlog += p.pktLen();
    qlen++;
    maxpacket = Math.max(maxpacket, p.pktLen());
    if (!f.listed) {
      f.listed = true;
      newFlows.add(f);
      newFlowCount++;
      f.deficit = quantum;
    }
    if (qlen <= fqLimit) {
      return NetXmit.SUCCESS;
    }
    int prevQlen = qlen;
    long prevBacklog = backlog;
    dropFattest((int) dropBatch);
    int dropped = prevQlen - qlen;
    dropOverlimit += dropped;
    if (!f.q.contains(p)) {
      QdiscTree.reduceBacklog(this, dropped - 1, prevBacklog - backlog - p.pktLen());
      return NetXmit.CN;
    }
    QdiscTree.reduceBacklog(this, dropped, prevBacklog - backlog);
    return NetXmit.SUCCESS;
  }

  private boolean shouldDrop(Flow f, Packet p, long now) {
    if (p == null) {
      f.firstAboveTime = 0;
      return false;
    }
    long sojourn = now - p.enqueueTimeNs();
    if (sojourn < targetUs * 1000 || backlog <= dev.pschedMtu()) {
      f.firstAboveTime = 0;
      return false;
    }
    if (f.firstAboveTime == 0) {
      f.firstAboveTime = now + intervalUs * 1000;
      return false;
    }
    return now >= f.firstAboveTime;
  }

  private long controlLaw(long t, long count) {
    return t + (long) (intervalUs * 1000 / Math.sqrt(Math.max(1, count)));
  }

  private Packet pop(Flow f) {
    Packet p = f.q.pollFirst();
    if (p != null) {
      f.backlog -= p.pktLen();
      backlog -= p.pktLen();
      qlen--;
    }
    return p;
  }

  private void dropInDequeue(Packet p) {
    free(p);
    countDrop();
    dropCount++;
    dropLen += p.pktLen();
  }

  /** codel_dequeue() on one flow. */
  private Packet codelDequeue(Flow f, long now) {
    Packet p = pop(f);
    if (p == null) {
      f.dropping = false;
      return null;
    }
    boolean drop = shouldDrop(f, p, now);
    if (f.dropping) {
      if (!drop) {
        f.dropping = false;
      } else {
        while (f.dropping && now >= f.dropNext) {
          f.count++;
          dropInDequeue(p);
          p = pop(f);
          if (!shouldDrop(f, p, now)) {
            f.dropping = false;
          } else {
            f.dropNext = controlLaw(f.dropNext, f.count);
          }
        }
      }
    } else if (drop) {
      dropInDequeue(p);
      p = pop(f);
      shouldDrop(f, p, now);
      f.dropping = true;
      long delta = f.count - f.lastcount;
      if (delta > 1 && now - f.dropNext < 16 * intervalUs * 1000) {
        f.count = delta;
      } else {
        f.count = 1;
      }
      f.lastcount = f.count;
      f.dropNext = controlLaw(now, f.count);
    }
    return p;
  }

  @Override
  protected Packet doDequeue(long nowNs) {
    while (true) {
      List<Flow> head = !newFlows.isEmpty() ? newFlows : oldFlows;
      if (head.isEmpty()) {
        return null;
      }
      Flow f = head.get(0);
      if (f.deficit <= 0) {
        f.deficit += quantum;
        head.remove(0);
        oldFlows.add(f);
        continue;
      }
      Packet p = codelDequeue(f, nowNs);
      if (p == null) {
        head.remove(0);
        if (head == newFlows && !oldFlows.isEmpty()) {
          oldFlows.add(f);
        } else {
          f.listed = false;
        }
        continue;
      }
      f.deficit -= p.pktLen();
      bstatsUpdate(p);
      if (dropCount > 0 && qlen > 0) {
        QdiscTree.reduceBacklog(this, (int) dropCount, dropLen);
      }
      dropCount = 0;
      dropLen = 0;
      return p;
    }
  }

  @Override
  protected void doReset() {
    if (flows != null) {
      for (Flow f : flows) {
        free(f.q);
        f.q.clear();
        f.backlog = 0;
        f.listed = false;
        f.dropping = false;
      }
    }
    newFlows.clear();
    oldFlows.clear();
  }
}

package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.cls.ClassifyResult;
import io.smpsim.kernel.net.cls.TcfBlock;
import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.core.Packet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * sfq (net/sched/sch_sfq.c): stochastic fairness queueing. Flows are hashed (deterministically,
 * from a perturbation drawn once from the seeded source; periodic re-perturbation is not
 * modelled) into {@code divisor} buckets, each bucket a queue of at most {@code depth} packets,
 * served round robin with a byte allotment of {@code quantum}. When the qdisc holds
 * {@code limit} packets the longest flow loses a packet.
 */
public final class Sfq extends Qdisc {

  private static final int MAX_DEPTH = 127;
  private static final int MAX_FLOWS = 65408;

  private final TcfBlock block = new TcfBlock();
  private final Map<Integer, ArrayDeque<Packet>> slots = new HashMap<>();
  private final Map<Integer, Long> allot = new HashMap<>();
  /** Active buckets in round-robin order. */
  private final List<Integer> active = new ArrayList<>();
  private int perturbation;
  private long quantum;
  private int perturbPeriod;
  private long sfqLimit = MAX_DEPTH;
  private long divisor = 1024;
  private long maxflows = 128;
  private long maxdepth = MAX_DEPTH;
  private boolean headdrop;

  public Sfq() {
    super("sfq");
  }

  @Override
  public void init(Object options, QdiscCtx ctx) {
    quantum = dev.pschedMtu();
    perturbation = ctx.random() == null ? 0 : (int) ctx.random().nextU32();
    if (options != null) {
      change(options, ctx);
    }
  }

  @Override
  public boolean canChange() {
    return true;
  }

  @Override
  public void change(Object options, QdiscCtx ctx) {
    SfqQopt o = (SfqQopt) options;
    if (o.divisor() != 0 && (Long.bitCount(o.divisor()) != 1 || o.divisor() > 65536)) {
      throw new NetlinkException(Errno.EINVAL);
    }
    if (o.quantum() != 0) {
      quantum = o.quantum();
    }
    perturbPeriod = o.perturbPeriod();
    if (o.flows() != 0) {
      maxflows = Math.min(o.flows(), MAX_FLOWS);
    }
    if (o.divisor() != 0) {
      divisor = o.divisor();
      maxflows = Math.min(maxflows, divisor);
    }
    if (o.depth() != 0) {
      maxdepth = Math.min(o.depth(), MAX_DEPTH);
    }
    headdrop = o.headdrop();
    if (o.limit() != 0) {
      sfqLimit = Math.min(o.limit(), maxdepth * maxflows);
      maxflows = Math.min(maxflows, sfqLimit);
    }
    while (qlen > sfqLimit) {
      Packet p = dropLongest();
      QdiscTree.reduceBacklog(this, 1, p.pktLen());
    }
  }

  @Override
  public Object dumpOptions() {
    return new SfqQopt(quantum, perturbPeriod, sfqLimit, divisor, maxflows, maxdepth, headdrop);
  }

  @Override
  public TcfBlock block(int cl) {
    return block;
  }

  private int bucketOf(Packet p) {
    if (!block.isEmpty()) {
      ClassifyResult r = block.classify(p);
      if (r != null && TcH.min(r.classid()) - 1 < divisor && TcH.min(r.classid()) > 0) {
        return TcH.min(r.classid()) - 1;
      }
    }
    return FlowHash.scale(FlowHash.hash(p, perturbation), (int) divisor);
  }

  private Packet dropLongest() {
    int victim = -1;
    int longest = 0;
    for (int b : active) {
      int n = slots.get(b).size();
      if (n > longest) {
        longest = n;
        victim = b;
      }
    }
    ArrayDeque<Packet> slot = slots.get(victim);
    Packet p = headdrop ? slot.pollFirst() : slot.pollLast();
    free(p);
    backlog -= p.pktLen();
    qlen--;
    countDrop();
    if (slot.isEmpty()) {
      active.remove(Integer.valueOf(victim));
    }
    return p;
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    int b = bucketOf(p);
    ArrayDeque<Packet> slot = slots.computeIfAbsent(b, k -> new ArrayDeque<>());
    if (slot.isEmpty() && active.size() >= maxflows) {
      return dropPacket(p);
    }
    if (slot.size() >= maxdepth) {
      if (!headdrop) {
        return dropPacket(p);
      }
      Packet old = slot.pollFirst();
      free(old);
      backlog -= old.pktLen();
      qlen--;
      countDrop();
      QdiscTree.reduceBacklog(this, 0, old.pktLen() - p.pktLen());
      slot.addLast(p);
      backlog += p.pktLen();
      qlen++;
      return NetXmit.CN;
    }
    if (slot.isEmpty()) {
      active.add(b);
      allot.put(b, quantum);
    }
    slot.addLast(p);
    backlog += p.pktLen();
    qlen++;
    if (qlen > sfqLimit) {
      Packet dropped = dropLongest();
      if (dropped == p) {
        return NetXmit.CN;
      }
      QdiscTree.reduceBacklog(this, 1, dropped.pktLen());
    }
    return NetXmit.SUCCESS;
  }

  @Override
  protected Packet doDequeue(long nowNs) {
    while (!active.isEmpty()) {
      int b = active.get(0);
      long a = allot.get(b);
      if (a <= 0) {
        allot.put(b, a + quantum);
        active.add(active.remove(0));
        continue;
      }
      ArrayDeque<Packet> slot = slots.get(b);
      Packet p = dequeueHead(slot);
      if (slot.isEmpty()) {
        active.remove(0);
      } else {
        allot.put(b, a - p.pktLen());
      }
      return p;
    }
    return null;
  }

  @Override
  protected void doReset() {
    for (ArrayDeque<Packet> slot : slots.values()) {
      free(slot);
    }
    slots.clear();
    active.clear();
    allot.clear();
  }
}

package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetRandom;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.core.Packet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * netem (net/sched/sch_netem.c): delays each packet by {@code delay} plus a jitter drawn from the
 * seeded random source (uniform, or a normal/pareto shape), and can lose, duplicate, reorder
 * and corrupt packets with optional correlation, and pace them at a {@code rate}. Packets wait
 * in a time-ordered fifo; the watchdog is armed for the head's send time.
 *
 * <p>A duplicate is queued in this same netem right behind its original, and the extra packet
 * is reported to the ancestors (a negative qdisc_tree_reduce_backlog) so their counts stay
 * exact.
 */
public final class Netem extends Qdisc {

  private static final long U32 = 0xFFFFFFFFL;

  private final QdiscWatchdog watchdog = new QdiscWatchdog();
  /** The tfifo: packets ordered by time_to_send (stable for equal times). */
  private final List<Packet> tfifo = new ArrayList<>();
  /** Packets put at the head by reordering (sch->q in the kernel). */
  private final ArrayDeque<Packet> head = new ArrayDeque<>();
  private NetRandom random;
  private long latencyNs;
  private long jitterNs;
  private long limitPkts;
  private long loss;
  private long duplicate;
  private long gap;
  private long counter;
  private long reorder;
  private long corrupt;
  private long rateBps;
  private int packetOverhead;
  private boolean ecn;
  private String distribution;
  private final long[] corrRho = new long[5];
  private final long[] corrLast = new long[5];
  private long nextId = 1L << 62;

  public Netem() {
    super("netem");
  }

  @Override
  public QdiscWatchdog watchdog() {
    return watchdog;
  }

  @Override
  public void init(Object options, QdiscCtx ctx) {
    if (options == null) {
      throw new NetlinkException(Errno.EINVAL);
    }
    this.random = ctx.random();
    change(options, ctx);
  }

  @Override
  public boolean canChange() {
    return true;
  }

  @Override
  public void change(Object options, QdiscCtx ctx) {
    NetemQopt o = (NetemQopt) options;
    latencyNs = Psched.ticks2ns(o.latency());
    jitterNs = Psched.ticks2ns(o.jitter());
    limitPkts = o.limit();
    gap = o.gap();
    counter = 0;
    loss = o.loss();
    duplicate = o.duplicate();
    if (gap != 0) {
      reorder = U32;
    }
    if (o.corr() != null) {
      corrRho[0] = o.corr()[0];
      corrRho[1] = o.corr()[1];
      corrRho[2] = o.corr()[2];
    }
    if (o.reorder() != null) {
      reorder = o.reorder()[0];
      corrRho[3] = o.reorder()[1];
    }
    if (o.corrupt() != null) {
      corrupt = o.corrupt()[0];
      corrRho[4] = o.corrupt()[1];
    }
    if (o.rate() != null) {
      rateBps = o.rate64() != null ? o.rate64() : o.rate()[0];
      packetOverhead = (int) o.rate()[1];
    }
    ecn = o.ecn() != null && o.ecn();
    distribution = o.distribution();
  }

  @Override
  public Object dumpOptions() {
    long[] rate = {Math.min(rateBps, U32), packetOverhead, 0, 0};
    Long r64 = Long.compareUnsigned(rateBps, 1L << 32) >= 0 ? rateBps : null;
    return new NetemQopt(Math.min(Psched.ns2ticks(latencyNs), U32), limitPkts, loss, gap,
        duplicate, Math.min(Psched.ns2ticks(jitterNs), U32),
        new long[] {corrRho[0], corrRho[1], corrRho[2]}, new long[] {reorder, corrRho[3]},
        new long[] {corrupt, corrRho[4]}, rate, r64, ecn ? Boolean.TRUE : null, distribution);
  }

  /** get_crandom(): a u32 correlated with the previous draw of the same stream. */
  private long crandom(int stream) {
    long value = random.nextU32();
    long rho = corrRho[stream];
    if (rho == 0) {
      return value;
    }
    rho += 1;
    long answer = (value * ((1L << 32) - rho) + corrLast[stream] * rho) >>> 32;
    corrLast[stream] = answer;
    return answer;
  }

  /** tabledist(): the delay of one packet. */
  private long tabledist() {
    if (jitterNs == 0) {
      return latencyNs;
    }
    long rnd = crandom(0);
    if (distribution == null || distribution.equals("uniform")) {
      return (rnd % (2 * (jitterNs & U32))) + latencyNs - jitterNs;
    }
    double z;
    if (distribution.equals("normal")) {
      double u1 = Math.max(random.nextDouble(), 1e-12);
      double u2 = random.nextDouble();
      z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    } else {
      double u = Math.max(random.nextDouble(), 1e-12);
      z = Math.pow(u, -1.0 / 3.0) - 1.5;
    }
    return Math.max(0, latencyNs + (long) (z * jitterNs));
  }

  private long packetTimeNs(int len) {
    long l = len + packetOverhead;
    return rateBps == 0 ? 0 : Long.divideUnsigned(l * 1_000_000_000L, rateBps);
  }

  private long lastTimeToSend() {
    long last = Long.MIN_VALUE;
    for (Packet p : tfifo) {
      last = Math.max(last, p.timeToSendNs());
    }
    for (Packet p : head) {
      last = Math.max(last, p.timeToSendNs());
    }
    return last;
  }

  private void tfifoInsert(Packet p) {
    int i = tfifo.size();
    while (i > 0 && tfifo.get(i - 1).timeToSendNs() > p.timeToSendNs()) {
      i--;
    }
    tfifo.add(i, p);
  }

  @Override
  public int enqueue(Packet p, long nowNs) {
    int count = 1;
    if (duplicate != 0 && duplicate >= crandom(2)) {
      count++;
    }
    if (loss != 0 && loss >= crandom(1)) {
      if (ecn) {
        countDrop();
      } else {
        count--;
      }
    }
    if (count == 0) {
      countDrop();
      return NetXmit.SUCCESS | NetXmit.BYPASS;
    }
    if (corrupt != 0) {
      // Corrupting a payload byte changes nothing the model observes; the draw is still made
      // so the random stream advances as the kernel's does.
      crandom(4);
    }
    if (tfifo.size() >= limitPkts) {
      return dropPacket(p);
    }
    Packet dup = count > 1 ? p.copy(nextId++) : null;
    place(p, nowNs);
    if (dup != null) {
      if (tfifo.size() < limitPkts) {
        dup.setTimeToSendNs(p.timeToSendNs());
        tfifoInsert(dup);
        addQueued(1, dup.pktLen());
        // The quirk netem-dup-underrun counts the duplicate only here, as netem did before
        // Stephen Hemminger's "Fix qlen underrun when doing duplication with netem": the
        // ancestors see one packet enqueued and two dequeued, and their qlen runs short.
        if (!quirk(SchedQuirk.NETEM_DUP_UNDERRUN)) {
          QdiscTree.reduceBacklog(this, -1, -dup.pktLen());
        }
      } else {
        countDrop();
      }
    }
    return NetXmit.SUCCESS;
  }

  private void place(Packet p, long nowNs) {
    addQueued(1, p.pktLen());
    if (gap == 0 || counter < gap - 1 || reorder < crandom(3)) {
      long delay = tabledist();
      long now = nowNs;
      if (rateBps != 0) {
        long last = lastTimeToSend();
        if (last != Long.MIN_VALUE) {
          delay -= last - now;
          delay = Math.max(0, delay);
          now = last;
        }
        delay += packetTimeNs(p.pktLen());
      }
      p.setTimeToSendNs(now + delay);
      counter++;
      tfifoInsert(p);
    } else {
      p.setTimeToSendNs(nowNs);
      counter = 0;
      head.addFirst(p);
      countRequeue();
    }
  }

  @Override
  protected Packet doDequeue(long nowNs) {
    Packet p = head.pollFirst();
    if (p == null && !tfifo.isEmpty()) {
      Packet first = tfifo.get(0);
      if (first.timeToSendNs() <= nowNs) {
        p = tfifo.remove(0);
      } else {
        watchdog.schedule(first.timeToSendNs());
      }
    }
    if (p != null) {
      addQueued(-1, -p.pktLen());
      bstatsUpdate(p);
    }
    return p;
  }

  @Override
  protected void doReset() {
    free(tfifo);
    free(head);
    tfifo.clear();
    head.clear();
    watchdog.cancel();
  }

  @Override
  protected void doDestroy() {
    watchdog.cancel();
  }
}

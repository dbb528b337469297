package io.smpsim.kernel.net;

import io.smpsim.kernel.net.sched.Qdisc;
import io.smpsim.kernel.net.sched.QdiscWatchdog;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hrtimers behind the qdisc watchdogs of a TX queue entity (or of the namespace's virtual
 * devices), in simulated time: at most one armed timer per TX queue, set to the earliest
 * watchdog of the queue's qdisc tree. When it fires the queue is run again (qdisc_watchdog()
 * → __netif_schedule() → qdisc_run()).
 */
final class QdiscWatchdogTimers {

  /** (ifindex, txq) → {expiry, timer handle}; looked up, never iterated. */
  private final Map<Long, long[]> armed = new HashMap<>();
  /** hrtimer_resolution: 1 ns, or a jiffy when the hrtimers expire from the tick. */
  private final long resolutionNs;
  /** The qdiscs with a watchdog in each tree, by root; rebuilt after the trees change. */
  private transient Map<Qdisc, List<Qdisc>> watchdogQdiscs;

  QdiscWatchdogTimers(long resolutionNs) {
    this.resolutionNs = Math.max(1, resolutionNs);
  }

  private static long key(int ifindex, int txq) {
    return ((long) ifindex << 32) | (txq & 0xFFFFFFFFL);
  }

  /**
   * Arms the queue's timer for {@code whenNs} ({@link Long#MAX_VALUE}: disarm), replacing an
   * earlier setting. A time not after now fires 1 ns later: a queue is never run twice at one
   * instant for the same reason.
   */
  void arm(EntityContext ctx, int ifindex, int txq, long whenNs, SimMessage fire) {
    if (resolutionNs > 1 && whenNs != Long.MAX_VALUE) {
      // kernel/time/hrtimer.c: without high resolution, hrtimer_run_queues() expires timers
      // from the tick, so a timer fires on the first jiffy boundary at or after its expiry.
      whenNs = Math.floorDiv(whenNs + resolutionNs - 1, resolutionNs) * resolutionNs;
    }
    long k = key(ifindex, txq);
    long[] cur = armed.get(k);
    if (cur != null && cur[0] == whenNs) {
      return;
    }
    if (cur != null) {
      ctx.cancel(cur[1]);
      armed.remove(k);
    }
    if (whenNs == Long.MAX_VALUE) {
      return;
    }
    long delay = Math.max(1, whenNs - ctx.now());
    armed.put(k, new long[] {whenNs, ctx.schedule(delay, fire)});
  }

  /** When the queue's timer is armed to fire, or {@link Long#MAX_VALUE} when it is not. */
  long expiry(int ifindex, int txq) {
    long[] cur = armed.get(key(ifindex, txq));
    return cur == null ? Long.MAX_VALUE : cur[0];
  }

  /** The qdisc trees may have changed: their watchdog qdiscs are looked up again. */
  void treesChanged() {
    watchdogQdiscs = null;
  }

  /**
   * The earliest expiry after {@code afterNs} of the watchdogs in {@code root}'s tree whose
   * qdisc holds packets (an empty qdisc's watchdog wakes nothing), or {@link QdiscWatchdog#NONE}.
   */
  long earliest(Qdisc root, long afterNs) {
    long when = QdiscWatchdog.NONE;
    for (Qdisc q : watchdogQdiscs(root)) {
      long t = q.watchdog().expiresNs();
      if (q.qlen() > 0 && t > afterNs && t < when) {
        when = t;
      }
    }
    return when;
  }

  /** The qdiscs of the tree under {@code root} that have a watchdog (cached until it changes). */
  private List<Qdisc> watchdogQdiscs(Qdisc root) {
    if (watchdogQdiscs == null) {
      watchdogQdiscs = new IdentityHashMap<>();
    }
    List<Qdisc> list = watchdogQdiscs.get(root);
    if (list == null) {
      list = new ArrayList<>();
      for (Qdisc q : root.subtree()) {
        if (q.watchdog() != null) {
          list.add(q);
        }
      }
      watchdogQdiscs.put(root, list);
    }
    return list;
  }

  /** The queue's timer fired. */
  void fired(int ifindex, int txq) {
    armed.remove(key(ifindex, txq));
  }
}

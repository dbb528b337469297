package io.smpsim.kernel.net;

import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;
import java.util.HashMap;
import java.util.Map;

/**
 * The hrtimers behind the qdisc watchdogs of a namespace, in simulated time: at most one armed
 * timer per TX queue, set to the earliest watchdog of the queue's qdisc tree. When it fires the
 * queue is run again (qdisc_watchdog() → __netif_schedule() → qdisc_run()).
 */
final class QdiscWatchdogTimers {

  /** (ifindex, txq) → {expiry, timer handle}; looked up, never iterated. */
  private final Map<Long, long[]> armed = new HashMap<>();

  private static long key(int ifindex, int txq) {
    return ((long) ifindex << 32) | (txq & 0xFFFFFFFFL);
  }

  /**
   * Arms the queue's timer for {@code whenNs} ({@link Long#MAX_VALUE}: disarm), replacing an
   * earlier setting. A time not after now fires 1 ns later: a queue is never run twice at one
   * instant for the same reason.
   */
  void arm(EntityContext ctx, int ifindex, int txq, long whenNs, SimMessage fire) {
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

  /** The queue's timer fired. */
  void fired(int ifindex, int txq) {
    armed.remove(key(ifindex, txq));
  }
}

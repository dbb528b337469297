package io.smpsim.kernel.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One CPU's standard timer base (kernel/time/timer.c {@code timer_bases[BASE_STD]}): the
 * pending timers by expiry jiffy. The tick's run_local_timers() raises TIMER_SOFTIRQ when
 * jiffies reached the base's earliest expiry ({@code next_expiry}); the softirq runs every
 * expired timer.
 */
final class TimerBase {

  /** Every timer function, in ordinal order (values() copies its array on every call). */
  private static final TimerFn[] FNS = TimerFn.values();

  /** Expiry jiffy of each {@link TimerFn}, or -1 while it is not pending. */
  private final long[] expires = new long[FNS.length];

  TimerBase() {
    Arrays.fill(expires, -1);
  }

  /** add_timer_on() / mod_timer(): {@code fn} expires at jiffy {@code j}. */
  void add(TimerFn fn, long j) {
    expires[fn.ordinal()] = j;
  }

  /** {@code base->next_expiry}: the earliest pending expiry, or {@link Long#MAX_VALUE}. */
  long nextExpiry() {
    long next = Long.MAX_VALUE;
    for (long e : expires) {
      if (e >= 0 && e < next) {
        next = e;
      }
    }
    return next;
  }

  /** __run_timers(): removes and returns the timers expired at jiffy {@code j}. */
  List<TimerFn> expired(long j) {
    List<TimerFn> out = List.of();
    for (TimerFn fn : FNS) {
      long e = expires[fn.ordinal()];
      if (e >= 0 && e <= j) {
        expires[fn.ordinal()] = -1;
        if (out.isEmpty()) {
          out = new ArrayList<>(2);
        }
        out.add(fn);
      }
    }
    return out;
  }

}

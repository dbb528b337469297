package io.smpsim.kernel.cpu;

import io.smpsim.kernel.core.HrtimerFn;
import java.util.ArrayList;
import java.util.List;

/**
 * One CPU's hrtimer base: armed timers ordered by expiry. The CPU's local APIC timer is always
 * programmed for the earliest one (kernel/time/hrtimer.c: the clock event device is reprogrammed
 * when the first expiry changes).
 */
public final class Hrtimers {

  /** An armed timer. */
  static final class Armed {
    HrtimerFn fn;
    long expires;

    Armed(HrtimerFn fn, long expires) {
      this.fn = fn;
      this.expires = expires;
    }
  }

  private final ArrayList<Armed> armed = new ArrayList<>();
  /** Entries of timers that expired or were cancelled, for the next start to take. */
  private final ArrayList<Armed> spare = new ArrayList<>(2);

  /**
   * Arms (or re-arms) {@code fn} to expire at {@code expires}. Timers re-arm on every tick of
   * every CPU: a re-armed timer keeps its entry, and nothing is allocated on the way.
   */
  public void start(HrtimerFn fn, long expires) {
    int at = indexOf(fn);
    Armed a;
    if (at >= 0) {
      a = armed.remove(at);
    } else if (spare.isEmpty()) {
      a = new Armed(fn, expires);
    } else {
      a = spare.remove(spare.size() - 1);
      a.fn = fn;
    }
    a.expires = expires;
    int i = 0;
    while (i < armed.size() && armed.get(i).expires <= expires) {
      i++;
    }
    armed.add(i, a);
  }

  public void cancel(HrtimerFn fn) {
    int at = indexOf(fn);
    if (at >= 0) {
      free(armed.remove(at));
    }
  }

  private void free(Armed a) {
    a.fn = null;
    spare.add(a);
  }

  /** Where {@code fn} is armed (it is at most once), or -1. */
  private int indexOf(HrtimerFn fn) {
    for (int i = 0, n = armed.size(); i < n; i++) {
      if (armed.get(i).fn == fn) {
        return i;
      }
    }
    return -1;
  }

  public boolean isArmed(HrtimerFn fn) {
    return indexOf(fn) >= 0;
  }

  /** The expiry of {@code fn}, or -1 when not armed. */
  public long expiry(HrtimerFn fn) {
    int at = indexOf(fn);
    return at < 0 ? -1 : armed.get(at).expires;
  }

  /** The earliest expiry, or {@link Long#MAX_VALUE}. */
  public long next() {
    return armed.isEmpty() ? Long.MAX_VALUE : armed.get(0).expires;
  }

  /** The earliest expiry of a timer other than {@code fn}, or {@link Long#MAX_VALUE}. */
  public long nextExcept(HrtimerFn fn) {
    for (int i = 0, n = armed.size(); i < n; i++) {
      Armed a = armed.get(i);
      if (a.fn != fn) {
        return a.expires;
      }
    }
    return Long.MAX_VALUE;
  }

  /** Removes and returns the timers expired at {@code now}, earliest first. */
  public List<HrtimerFn> expired(long now) {
    if (armed.isEmpty() || armed.get(0).expires > now) {
      return List.of();
    }
    List<HrtimerFn> out = new ArrayList<>(2);
    while (!armed.isEmpty() && armed.get(0).expires <= now) {
      Armed a = armed.remove(0);
      out.add(a.fn);
      free(a);
    }
    return out;
  }

  /** Drops every timer (the CPU goes offline). */
  public void clear() {
    for (Armed a : armed) {
      free(a);
    }
    armed.clear();
  }
}

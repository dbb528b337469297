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
    final HrtimerFn fn;
    long expires;

    Armed(HrtimerFn fn, long expires) {
      this.fn = fn;
      this.expires = expires;
    }
  }

  private final ArrayList<Armed> armed = new ArrayList<>();

  /** Arms (or re-arms) {@code fn} to expire at {@code expires}. */
  public void start(HrtimerFn fn, long expires) {
    cancel(fn);
    int i = 0;
    while (i < armed.size() && armed.get(i).expires <= expires) {
      i++;
    }
    armed.add(i, new Armed(fn, expires));
  }

  public void cancel(HrtimerFn fn) {
    armed.removeIf(a -> a.fn == fn);
  }

  public boolean isArmed(HrtimerFn fn) {
    for (Armed a : armed) {
      if (a.fn == fn) {
        return true;
      }
    }
    return false;
  }

  /** The expiry of {@code fn}, or -1 when not armed. */
  public long expiry(HrtimerFn fn) {
    for (Armed a : armed) {
      if (a.fn == fn) {
        return a.expires;
      }
    }
    return -1;
  }

  /** The earliest expiry, or {@link Long#MAX_VALUE}. */
  public long next() {
    return armed.isEmpty() ? Long.MAX_VALUE : armed.get(0).expires;
  }

  /** The earliest expiry of a timer other than {@code fn}, or {@link Long#MAX_VALUE}. */
  public long nextExcept(HrtimerFn fn) {
    for (Armed a : armed) {
      if (a.fn != fn) {
        return a.expires;
      }
    }
    return Long.MAX_VALUE;
  }

  /** Removes and returns the timers expired at {@code now}, earliest first. */
  public List<HrtimerFn> expired(long now) {
    List<HrtimerFn> out = new ArrayList<>();
    while (!armed.isEmpty() && armed.get(0).expires <= now) {
      out.add(armed.remove(0).fn);
    }
    return out;
  }

  /** Drops every timer (the CPU goes offline). */
  public void clear() {
    armed.clear();
  }
}

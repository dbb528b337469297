package io.smpsim.kernel.net.sched;

/**
 * /proc/net/psched (net/sched/sch_api.c psched_show()): four hex words tc reads at start-up:
 * nanoseconds per microsecond, nanoseconds per psched tick, 1000000, and the timers' ticks per
 * second, {@code NSEC_PER_SEC / hrtimer_resolution}. iproute2's get_hz() takes the last as the
 * rate its HTB default bursts are computed from.
 *
 * <p>With the quirk psched-clock-res the last word is the clock's resolution instead (2.6.23-24:
 * {@code NSEC_PER_SEC / KTIME_MONOTONIC_RES}, 1 ns on a kernel built with high-resolution
 * timers whether or not they are active), as before Patrick McHardy's "Show timer resolution
 * instead of clock resolution in /proc/net/psched".
 */
public final class PschedShow {

  private static final long NSEC_PER_SEC = 1_000_000_000L;
  private static final long NSEC_PER_USEC = 1_000L;

  private PschedShow() {}

  /** The file's text on namespace {@code ns}. */
  public static String text(QdiscNet ns) {
    return text(ns.hrtimerResNs(), ns.quirk(SchedQuirk.PSCHED_CLOCK_RES));
  }

  /**
   * The file's text for hrtimers of resolution {@code hrtimerResNs}; {@code clockRes}: the
   * quirk's clock resolution (1 ns) instead.
   */
  public static String text(long hrtimerResNs, boolean clockRes) {
    long res = clockRes ? 1 : Math.max(1, hrtimerResNs);
    return String.format("%08x %08x %08x %08x", NSEC_PER_USEC, Psched.ticks2ns(1), 1_000_000,
        NSEC_PER_SEC / res) + "\n";
  }
}

package io.smpsim.kernel.net.sched;

/**
 * qdisc_watchdog: the hrtimer a throttled qdisc arms for the moment it can send again. smpsim
 * exposes the armed time so the engine can schedule the dequeue; a cancelled or never-armed
 * watchdog reports {@link Long#MAX_VALUE}.
 */
public final class QdiscWatchdog {

  /** No wake-up pending. */
  public static final long NONE = Long.MAX_VALUE;

  private long expiresNs = NONE;

  /** qdisc_watchdog_schedule_ns(): arm (or re-arm) for {@code timeNs}. */
  public void schedule(long timeNs) {
    expiresNs = timeNs;
  }

  /** qdisc_watchdog_cancel(). */
  public void cancel() {
    expiresNs = NONE;
  }

  /** The armed wake-up time in simulated ns, or {@link #NONE}. */
  public long expiresNs() {
    return expiresNs;
  }

  public boolean armed() {
    return expiresNs != NONE;
  }
}

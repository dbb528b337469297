package io.smpsim.kernel.net.sched;

/**
 * The statistics of a qdisc or class as the kernel dumps them (gnet_stats_basic + queue, and the
 * rate estimator when one is attached).
 *
 * @param hasRateEst whether TCA_STATS_RATE_EST is present (an estimator is attached)
 */
public record QStats(long bytes, long packets, long drops, long overlimits, long requeues,
    long backlog, long qlen, boolean hasRateEst, long bps, long pps) {

  public static QStats zero() {
    return new QStats(0, 0, 0, 0, 0, 0, 0, false, 0, 0);
  }
}

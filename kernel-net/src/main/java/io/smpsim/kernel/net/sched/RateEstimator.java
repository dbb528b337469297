package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;

/**
 * A gen_estimator (net/core/gen_estimator.c): an EWMA of the byte and packet rates sampled every
 * {@code 250ms << (interval + 2) / 4}. Sampling is done lazily, whenever the stats are read or
 * updated, from the simulated clock.
 */
public final class RateEstimator {

  private final int intervalLog;
  private final int ewmaLog;
  private long lastSampleNs;
  private long lastBytes;
  private long lastPackets;
  private long avgBps;
  private long avgPps;

  private RateEstimator(int intervalLog, int ewmaLog, long nowNs, long bytes, long packets) {
    this.intervalLog = intervalLog;
    this.ewmaLog = ewmaLog;
    this.lastSampleNs = nowNs;
    this.lastBytes = bytes;
    this.lastPackets = packets;
  }

  /** gen_new_estimator(): interval in [-2, 3], ewma_log in [1, 30], else EINVAL. */
  public static RateEstimator create(TcEstimator parm, long nowNs, long bytes, long packets) {
    if (parm.interval() < -2 || parm.interval() > 3) {
      throw new NetlinkException(Errno.EINVAL);
    }
    if (parm.ewmaLog() == 0 || parm.ewmaLog() >= 31) {
      throw new NetlinkException(Errno.EINVAL);
    }
    return new RateEstimator(parm.interval() + 2, parm.ewmaLog(), nowNs, bytes, packets);
  }

  private long intervalNs() {
    return (250_000_000L << intervalLog) / 4;
  }

  /** Fold in every sample period that ended by {@code nowNs}. */
  public void sample(long nowNs, long bytes, long packets) {
    long period = intervalNs();
    while (nowNs - lastSampleNs >= period) {
      lastSampleNs += period;
      long brate = ((bytes - lastBytes) << (10 - intervalLog));
      long prate = ((packets - lastPackets) << (10 - intervalLog));
      lastBytes = bytes;
      lastPackets = packets;
      avgBps += (brate - avgBps) >> ewmaLog;
      avgPps += (prate - avgPps) >> ewmaLog;
    }
  }

  /** Bytes per second, as gen_estimator_read() reports. */
  public long bps() {
    return Math.max(0, avgBps >> 8);
  }

  public long pps() {
    return Math.max(0, avgPps >> 8);
  }
}

package io.smpsim.kernel.net.traffic;

/**
 * What one device delivered to the machine's sockets: packets, bytes, when the first and last
 * arrived, and the one-way delay from the sending application to here.
 */
public final class TrafficSink {

  private long packets;
  private long bytes;
  private long firstNs = -1;
  private long lastNs = -1;
  private long minDelayNs = Long.MAX_VALUE;
  private long maxDelayNs;
  private long sumDelayNs;

  /** A packet of {@code len} bytes, sent at {@code bornNs}, arrived at {@code nowNs}. */
  public void deliver(int len, long bornNs, long nowNs) {
    packets++;
    bytes += len;
    if (firstNs < 0) {
      firstNs = nowNs;
    }
    lastNs = nowNs;
    long d = nowNs - bornNs;
    minDelayNs = Math.min(minDelayNs, d);
    maxDelayNs = Math.max(maxDelayNs, d);
    sumDelayNs += d;
  }

  public long packets() { return packets; }
  public long bytes() { return bytes; }
  public long firstNs() { return firstNs; }
  public long lastNs() { return lastNs; }
  public long minDelayNs() { return packets == 0 ? 0 : minDelayNs; }
  public long maxDelayNs() { return maxDelayNs; }
  /** Mean one-way delay, rounded down. */
  public long avgDelayNs() { return packets == 0 ? 0 : sumDelayNs / packets; }
}

package io.smpsim.kernel.net.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code traffic start}: the spec, the addresses its packets carry, when it runs, and its
 * flows (by id, in source-port order).
 */
public final class TrafficGenerator {

  private final int id;
  private final TrafficSpec spec;
  private final int srcIp;
  private final int dstIp;
  private final long startNs;
  private final long stopNs;
  private final int cpu;
  private final List<Integer> flows = new ArrayList<>();
  private boolean stopped;

  /**
   * A generator started at {@code startNs}, its sending task bound to {@code cpu}; it stops by
   * itself at {@code stopNs}.
   */
  public TrafficGenerator(int id, TrafficSpec spec, int cpu, int srcIp, int dstIp, long startNs,
      long stopNs) {
    this.id = id;
    this.cpu = cpu;
    this.spec = spec;
    this.srcIp = srcIp;
    this.dstIp = dstIp;
    this.startNs = startNs;
    this.stopNs = stopNs;
  }

  public int id() { return id; }
  public TrafficSpec spec() { return spec; }
  /** The CPU its sending task runs on. */
  public int cpu() { return cpu; }
  public int srcIp() { return srcIp; }
  public int dstIp() { return dstIp; }
  public long startNs() { return startNs; }
  /** When it stops by itself ({@link Long#MAX_VALUE}: never). */
  public long stopNs() { return stopNs; }
  /** The ids of its flows. */
  public List<Integer> flows() { return flows; }
  /** Whether it was stopped, or ran its time. */
  public boolean stopped() { return stopped; }
  public void stop() { stopped = true; }
}

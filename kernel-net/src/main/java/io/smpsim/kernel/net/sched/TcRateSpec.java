package io.smpsim.kernel.net.sched;

/**
 * struct tc_ratespec: a 32-bit rate in bytes per second with the cell/link-layer fields iproute2
 * fills from its rate table computation.
 */
public record TcRateSpec(int cellLog, int linklayer, int overhead, int cellAlign, int mpu,
    int rate) {

  /** The rate as an unsigned value. */
  public long rateUnsigned() {
    return rate & 0xFFFFFFFFL;
  }
}

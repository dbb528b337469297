package io.smpsim.kernel.net.sched;

/**
 * psched_ratecfg (include/net/sch_generic.h): a rate in bytes per second with the link-layer
 * adjustments, turned into a multiply-and-shift so that {@link #l2tNs} gives the transmit time
 * of a packet exactly as the kernel computes it.
 */
public final class PschedRate {

  private long rateBytesPs;
  private long mult = 1;
  private int shift;
  private int overhead;
  private int mpu;
  private int linklayer;

  /** psched_ratecfg_precompute(): rate = max(conf.rate, rate64). */
  public static PschedRate precompute(TcRateSpec conf, long rate64) {
    PschedRate r = new PschedRate();
    r.overhead = conf.overhead();
    r.mpu = conf.mpu();
    r.rateBytesPs = Long.compareUnsigned(conf.rate() & 0xFFFFFFFFL, rate64) >= 0
        ? conf.rate() & 0xFFFFFFFFL : rate64;
    r.linklayer = conf.linklayer() & 0x0F;
    r.mult = 1;
    r.shift = 0;
    if (r.rateBytesPs > 0 || r.rateBytesPs < 0) {
      long factor = 1_000_000_000L;
      for (;;) {
        r.mult = Long.divideUnsigned(factor, r.rateBytesPs);
        if ((r.mult & (1L << 31)) != 0 || (factor & (1L << 63)) != 0) {
          break;
        }
        factor <<= 1;
        r.shift++;
      }
    }
    return r;
  }

  /** The rate in bytes per second (unsigned). */
  public long rateBytesPs() {
    return rateBytesPs;
  }

  public int overhead() {
    return overhead;
  }

  public int mpu() {
    return mpu;
  }

  public int linklayer() {
    return linklayer;
  }

  /** psched_l2t_ns(): nanoseconds to send {@code len} bytes at this rate. */
  public long l2tNs(int len) {
    long l = (len & 0xFFFFFFFFL) + overhead;
    if (l < mpu) {
      l = mpu;
    }
    if (linklayer == SizeSpec.LINKLAYER_ATM) {
      l = ((l + 47) / 48) * 53;
    }
    return mulShift(l, mult, shift);
  }

  private static long mulShift(long a, long b, int s) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if (s == 0) {
      return lo;
    }
    return (lo >>> s) | (hi << (64 - s));
  }

  /** psched_ns_t2l(): how many bytes fit in {@code timeNs} at this rate. */
  public long t2l(long timeNs) {
    long len = Long.divideUnsigned(timeNs * rateBytesPs, 1_000_000_000L);
    if (linklayer == SizeSpec.LINKLAYER_ATM) {
      len = (len / 53) * 48;
    }
    if (Long.compareUnsigned(len, overhead) > 0) {
      len -= overhead;
    } else {
      len = 0;
    }
    return len;
  }

  /** psched_ratecfg_getrate(): what the dumps report. */
  public TcRateSpec getrate() {
    long r = Long.compareUnsigned(rateBytesPs, 0xFFFFFFFFL) > 0 ? 0xFFFFFFFFL : rateBytesPs;
    return new TcRateSpec(0, linklayer, overhead, 0, mpu, (int) r);
  }
}

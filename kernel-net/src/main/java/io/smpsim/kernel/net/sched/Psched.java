package io.smpsim.kernel.net.sched;

/** Packet-scheduler clock units: psched ticks are 64 ns (PSCHED_SHIFT 6). */
public final class Psched {

  public static final int SHIFT = 6;

  private Psched() {}

  /** PSCHED_TICKS2NS() of an unsigned 32-bit tick count. */
  public static long ticks2ns(long ticks) {
    return (ticks & 0xFFFFFFFFL) << SHIFT;
  }

  /** PSCHED_NS2TICKS(), truncated to the u32 of the netlink structures. */
  public static long ns2ticks(long ns) {
    return (ns >> SHIFT) & 0xFFFFFFFFL;
  }
}

package io.smpsim.kernel.watchdog;

/**
 * The i386 NMI watchdog's counter period before it was computed in 64 bits: arch/i386/kernel/
 * nmi.c wrote {@code wrmsr(perfctr_msr, -(cpu_khz/nmi_hz*1000), -1)}, where {@code cpu_khz} is
 * an {@code unsigned int}, so the product wraps modulo 2^32 on CPUs above 4294967 kHz and the
 * counter overflows after the wrapped number of cycles: more NMIs per second than
 * {@code nmi_hz}, and a lockup is called after a fraction of the 5 s.
 */
public final class Tick32 {

  private Tick32() {}

  /** The period in cycles, as the 32-bit expression computed it. */
  public static long period(long cpuKhz, int nmiHz) {
    long khz = cpuKhz & 0xffffffffL;
    return (khz / Math.max(1, nmiHz) * 1000L) & 0xffffffffL;
  }
}

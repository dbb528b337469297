package io.smpsim.kernel.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The pre-fix i386 period, cpu_khz/nmi_hz*1000 in 32 bits: right below 4 GHz, wrong above. */
class Tick32Test {

  @Test
  void belowFourGigahertzThePeriodIsOneSecondOfCycles() {
    assertEquals(3_000_000_000L, Tick32.period(3_000_000, 1));
    assertEquals(4_294_967_000L, Tick32.period(4_294_967, 1));
  }

  @Test
  void aboveItTheProductWrapsModuloTwoToThe32() {
    assertEquals(704L, Tick32.period(4_294_968, 1));
    // 5 GHz: 5,000,000,000 - 2^32 cycles, 0.141 s, so about 7 NMIs a second instead of 1.
    assertEquals(705_032_704L, Tick32.period(5_000_000, 1));
  }

  @Test
  void theDivisionComesFirstAsInTheExpression() {
    // nmi_hz = HZ (the boot self-test's rate): 5,000,000 / 250 * 1000 fits in 32 bits.
    assertEquals(20_000_000L, Tick32.period(5_000_000, 250));
  }
}

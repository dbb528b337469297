package io.smpsim.kernel.printk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The prefix print_time() (kernel/printk/printk.c) writes: "[%5lu.%06lu] ". */
class PrintkTimestampTest {

  @Test
  void secondsAreRightAlignedInFiveColumnsAndMicrosecondsZeroPadded() {
    assertEquals("[    0.000000] ", Printk.timestamp(0));
    assertEquals("[    0.000999] ", Printk.timestamp(999_999));
    assertEquals("[    5.123456] ", Printk.timestamp(5_123_456_789L));
    assertEquals("[   21.221197] ", Printk.timestamp(21_221_197_000L));
  }

  @Test
  void moreThanFiveDigitsOfSecondsWidenThePrefix() {
    assertEquals("[99999.999999] ", Printk.timestamp(99_999_999_999_999L));
    assertEquals("[360000.000001] ", Printk.timestamp(360_000_000_001_000L));
  }
}

package io.smpsim.kernel.panic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** print_tainted(), column for column as e_softlockup_smp8.txt shows it. */
class TaintTest {

  @Test
  void untaintedAndTaintedKernelsPrintAsTheKernelDoes() {
    assertEquals("Not tainted", Taint.print(0));
    // O (12) + E (13) + L (14), as in "Tainted: G           OEL     6.1.0-56-amd64".
    assertEquals("Tainted: G           OEL    ", Taint.print((1 << 12) | (1 << 13) | (1 << 14)));
    assertEquals(16384, 1 << Taint.SOFTLOCKUP);
  }
}

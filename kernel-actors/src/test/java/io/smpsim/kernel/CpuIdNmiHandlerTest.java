package io.smpsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.sim.SimRandom;
import org.junit.jupiter.api.Test;

/**
 * How long an NMI handler runs by sched_clock(): microseconds on hardware, milliseconds under
 * QEMU's TCG, longer while more vCPUs run than the host has CPUs.
 */
class CpuIdNmiHandlerTest {

  @Test
  void onHardwareAFullRegisterDumpStaysFarUnderAMillisecond() {
    CpuId hw = CpuId.defaultFor("Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz");
    assertTrue(hw.nmiHandlerNs(30, 64, new SimRandom(1)) < 100_000);
  }

  @Test
  void underTcgAHandlerSwitchedOutByTheHostWaitsWhileTheOtherVcpusRun() {
    CpuId tcg = CpuId.defaultFor("AMD QEMU Virtual CPU version 2.5+");
    // Two vCPUs on a 2-CPU host: no waiting, no scatter.
    assertEquals(20 * CpuId.TCG_NMI_LINE_NS, tcg.nmiHandlerNs(20, 2, new SimRandom(1)));
    // A 2-CPU host's slice is 1.5 ms: a 12-line dump (1.38 ms) is nearly always switched out
    // among 8 runnable vCPUs, and waits about three slices.
    SimRandom r = new SimRandom(7);
    int longOnes = 0;
    int skippedLong = 0;
    for (int i = 0; i < 1000; i++) {
      if (tcg.nmiHandlerNs(12, 8, r) > 3_000_000) {
        longOnes++;
      }
      if (tcg.nmiHandlerNs(1, 8, r) > 1_000_000) {
        skippedLong++;
      }
    }
    assertTrue(longOnes > 850 && longOnes < 960, "full dumps waited: " + longOnes);
    // A skipped CPU's one line (115 us) is switched out about one time in thirteen.
    assertTrue(skippedLong > 40 && skippedLong < 120, "skipped ones waited: " + skippedLong);
  }
}

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
  void underTcgHandlersStretchWithTheVcpusThatShareTheHost() {
    CpuId tcg = CpuId.defaultFor("AMD QEMU Virtual CPU version 2.5+");
    // Two vCPUs on a 2-CPU host: no waiting, no scatter.
    assertEquals(20 * CpuId.TCG_NMI_LINE_NS, tcg.nmiHandlerNs(20, 2, new SimRandom(1)));
    // Eight vCPUs (an all-CPU backtrace on 8 CPUs) on 2: about four times as long.
    long shared = tcg.nmiHandlerNs(12, 8, new SimRandom(1));
    assertTrue(shared > 12 * CpuId.TCG_NMI_LINE_NS * 2 && shared < 12 * CpuId.TCG_NMI_LINE_NS * 8,
        "got " + shared);
    assertTrue(tcg.nmiHandlerNs(1, 8, new SimRandom(1)) < 1_000_000,
        "a skipped CPU's one line stays under nmi_longest_ns");
  }
}

package io.smpsim.hw.chipset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.hw.testing.HwActorTest;
import io.smpsim.hw.testing.HwProbe;
import io.smpsim.hw.testing.HwTestWorld;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chipset's NMI sources, its status port and its NMI-enable gate. */
class ChipsetActorTest extends HwActorTest {

  private final HwTestWorld world = new HwTestWorld(2);

  private List<String> status(long t, int value) {
    return List.of(t + " " + world.cpuId(0) + " NmiStatus[value=" + value + "]",
        t + " " + world.cpuId(1) + " NmiStatus[value=" + value + "]");
  }

  private List<String> lint1(long t) {
    return List.of(t + " " + world.apicEntity(0) + " Lint[pin=1]",
        t + " " + world.apicEntity(1) + " Lint[pin=1]");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  @Test
  void serrSetsItsStatusBitAndRaisesLint1OnEveryCpu() {
    HwProbe cs = new HwProbe(kit, world, HwTestWorld.CHIPSET);
    cs.at(1_000, new Chipset.Assert(NmiLine.SERR), 1_100);
    assertEquals(concat(status(1_100, 0x80), lint1(1_100)), describe(cs.takeSent()));
    // The kernel clears and disables SERR through port 0x61 bit 2: a new SERR stays silent.
    cs.at(2_000, new Chipset.Outb(Chipset.NMI_REASON_PORT, 0x04), 2_100);
    assertEquals(status(2_100, 0x04), describe(cs.takeSent()));
    cs.at(3_000, new Chipset.Assert(NmiLine.SERR), 3_100);
    assertEquals(List.of(), cs.takeSent());
  }

  @Test
  void aClosedGateHoldsTheNmiBackUntilItReopens() {
    HwProbe cs = new HwProbe(kit, world, HwTestWorld.CHIPSET);
    cs.at(1_000, new Chipset.Outb(Chipset.RTC_INDEX_PORT, 0x80), 1_100);
    cs.at(2_000, new Chipset.Assert(NmiLine.IOCHK), 2_100);
    assertEquals(status(2_100, 0x40), describe(cs.takeSent()), "status, but no NMI");
    cs.at(3_000, new Chipset.Outb(Chipset.RTC_INDEX_PORT, 0x0f), 3_100);
    assertEquals(lint1(3_100), describe(cs.takeSent()));
    // While the source stays asserted there is no new edge, so no new NMI.
    cs.at(4_000, new Chipset.Assert(NmiLine.IOCHK), 4_100);
    assertEquals(List.of(), cs.takeSent());
  }
}

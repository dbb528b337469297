package io.smpsim.hw.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.hw.testing.HwActorTest;
import io.smpsim.hw.testing.HwProbe;
import io.smpsim.hw.testing.HwTestWorld;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 8254 PIT ticks at HZ on IRQ0 and, wired as a virtual wire, on every CPU's LINT0. */
class PitActorTest extends HwActorTest {

  private final HwTestWorld world = new HwTestWorld(2);

  @Test
  void latchForHzGivesTheKernelsTickPeriod() {
    assertEquals(4773, Pit.latch(250));
    assertEquals(1193, Pit.latch(1000));
    assertEquals(11932, Pit.latch(100));
    assertEquals(4_000_228, Pit.periodNs(4773));
  }

  @Test
  void ticksOnIrq0AndOnEveryLint0WhenTheVirtualWireIsOn() {
    HwProbe pit = new HwProbe(kit, world, HwTestWorld.PIT);
    pit.at(0, new Pit.Program(Pit.latch(250)), 8_000_000);
    assertEquals(List.of("4000328 0 Irq[gsi=2]"), describe(pit.takeSent()));
    pit.at(8_000_000, new Pit.VirtualWire(true), 8_000_600);
    assertEquals(List.of("8000556 0 Irq[gsi=2]",
        "8000556 " + world.apicEntity(0) + " Lint[pin=0]",
        "8000556 " + world.apicEntity(1) + " Lint[pin=0]"), describe(pit.takeSent()));
    pit.at(9_000_000, new Pit.Stop(), 20_000_000);
    assertEquals(List.of(), pit.takeSent());
  }
}

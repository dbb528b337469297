package io.smpsim.hw.apic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.hw.testing.HwActorTest;
import io.smpsim.hw.testing.HwProbe;
import io.smpsim.hw.testing.HwTestWorld;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IO-APIC routes a pin to one CPU, or as an NMI to every CPU, and drops masked pins. */
class IoApicActorTest extends HwActorTest {

  private final HwTestWorld world = new HwTestWorld(3);

  @Test
  void routesAPinToItsDestinationOrBroadcastsItAsAnNmi() {
    HwProbe io = new HwProbe(kit, world, HwTestWorld.IOAPIC);
    io.at(100, new IoApic.Irq(2), 200);
    assertEquals(List.of(), io.takeSent(), "every pin is masked after reset");
    io.at(300, new IoApic.Route(2, new RedirectionEntry(0x30, DeliveryMode.FIXED, 1, false)),
        400);
    io.at(1_000, new IoApic.Irq(2), 1_100);
    assertEquals(List.of("1100 " + world.apicEntity(1) + " Routed[vector=48, mode=FIXED]"),
        describe(io.takeSent()));
    // The old nmi_watchdog=1 style: the timer pin delivered as an NMI to every CPU.
    io.at(2_000, new IoApic.Route(2, new RedirectionEntry(2, DeliveryMode.NMI, -1, false)),
        2_100);
    io.at(3_000, new IoApic.Irq(2), 3_100);
    assertEquals(List.of("3100 " + world.apicEntity(0) + " Routed[vector=2, mode=NMI]",
        "3100 " + world.apicEntity(1) + " Routed[vector=2, mode=NMI]",
        "3100 " + world.apicEntity(2) + " Routed[vector=2, mode=NMI]"), describe(io.takeSent()));
  }

  @Test
  void aLocalApicTurnsARoutedNmiIntoAnNmiOfItsCpu() {
    HwProbe apic = new HwProbe(kit, world, world.apicEntity(2));
    apic.at(100, new LocalApic.Routed(2, DeliveryMode.NMI), 200);
    assertEquals(List.of("200 " + world.cpuId(2) + " Nmi[source=IO_APIC]"),
        describe(apic.takeSent()));
  }
}

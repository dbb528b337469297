package io.smpsim.hw.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.hw.testing.HwActorTest;
import io.smpsim.hw.testing.HwProbe;
import io.smpsim.hw.testing.HwTestWorld;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An HPET comparator fires its GSI periodically until disarmed. */
class HpetActorTest extends HwActorTest {

  @Test
  void aPeriodicComparatorRaisesItsGsiEveryPeriod() {
    HwProbe hpet = new HwProbe(kit, new HwTestWorld(1), HwTestWorld.HPET);
    hpet.at(0, new Hpet.Arm(0, 1_000_000, 2), 3_500_000);
    assertEquals(List.of("1000100 0 Irq[gsi=2]", "2000100 0 Irq[gsi=2]",
        "3000100 0 Irq[gsi=2]"), describe(hpet.takeSent()));
    hpet.at(3_500_000, new Hpet.Disarm(0), 10_000_000);
    assertEquals(List.of(), hpet.takeSent());
  }
}

package io.smpsim.hw.apic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.hw.testing.HwActorTest;
import io.smpsim.hw.testing.HwProbe;
import io.smpsim.hw.testing.HwTestWorld;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local APIC's protocol: ICR destinations and shorthands, LVT entries, the timer. */
class LocalApicActorTest extends HwActorTest {

  private final HwTestWorld world = new HwTestWorld(4);

  private HwProbe apic(int cpu) {
    return new HwProbe(kit, world, world.apicEntity(cpu));
  }

  private String cpu(int c) {
    return " " + world.cpuId(c) + " ";
  }

  private String apicOf(int c) {
    return " " + world.apicEntity(c) + " ";
  }

  @Test
  void allButSelfReachesEveryOtherApicAndNotTheSender() {
    HwProbe a = apic(1);
    a.at(1_000, new LocalApic.WriteIcr(DeliveryMode.FIXED, Shorthand.ALL_EXCLUDING_SELF, 0,
        0xfd), 1_100);
    assertEquals(List.of(
        "1100" + apicOf(0) + "Ipi[mode=FIXED, vector=253, fromApicId=1]",
        "1100" + apicOf(2) + "Ipi[mode=FIXED, vector=253, fromApicId=1]",
        "1100" + apicOf(3) + "Ipi[mode=FIXED, vector=253, fromApicId=1]"),
        describe(a.takeSent()));
  }

  @Test
  void allIncludingSelfAlsoDeliversToItsOwnCpu() {
    HwProbe a = apic(2);
    a.at(1_000, new LocalApic.WriteIcr(DeliveryMode.NMI, Shorthand.ALL_INCLUDING_SELF, 0, 2),
        1_100);
    assertEquals(List.of(
        "1100" + apicOf(0) + "Ipi[mode=NMI, vector=2, fromApicId=2]",
        "1100" + apicOf(1) + "Ipi[mode=NMI, vector=2, fromApicId=2]",
        "1100" + cpu(2) + "Nmi[source=IPI]",
        "1100" + apicOf(3) + "Ipi[mode=NMI, vector=2, fromApicId=2]"),
        describe(a.takeSent()));
  }

  @Test
  void selfAndSingleDestinationReachOnlyTheirTarget() {
    HwProbe a = apic(0);
    a.at(1_000, new LocalApic.WriteIcr(DeliveryMode.FIXED, Shorthand.SELF, 0, 0xf6), 1_100);
    assertEquals(List.of("1100" + cpu(0) + "Interrupt[vector=246]"), describe(a.takeSent()));
    a.at(2_000, new LocalApic.WriteIcr(DeliveryMode.INIT, Shorthand.NONE, 3, 0), 2_100);
    a.at(3_000, new LocalApic.WriteIcr(DeliveryMode.STARTUP, Shorthand.NONE, 3, 0x9a), 3_100);
    assertEquals(List.of("2100" + apicOf(3) + "Ipi[mode=INIT, vector=0, fromApicId=0]",
        "3100" + apicOf(3) + "Ipi[mode=STARTUP, vector=154, fromApicId=0]"),
        describe(a.takeSent()));
  }

  @Test
  void aReceivedIpiBecomesTheMatchingCpuEvent() {
    HwProbe a = apic(3);
    a.atAll(1_000, List.of(new LocalApic.Ipi(DeliveryMode.FIXED, 0xfc, 0),
        new LocalApic.Ipi(DeliveryMode.NMI, 2, 0), new LocalApic.Ipi(DeliveryMode.INIT, 0, 0),
        new LocalApic.Ipi(DeliveryMode.STARTUP, 0x9a, 0)), 1_100);
    assertEquals(List.of("1100" + cpu(3) + "Interrupt[vector=252]",
        "1100" + cpu(3) + "Nmi[source=IPI]", "1100" + cpu(3) + "InitIpi[]",
        "1100" + cpu(3) + "StartupIpi[vector=154]"), describe(a.takeSent()));
  }

  @Test
  void thePerfCounterEntryDeliversAnNmiAndMasksItselfUntilRewritten() {
    HwProbe a = apic(1);
    a.at(100, new LocalApic.WriteLvt(Lvt.PERF_COUNTER, LvtEntry.nmi()), 200);
    a.at(1_000, new LocalApic.PerfOverflow(), 1_100);
    a.at(2_000, new LocalApic.PerfOverflow(), 2_100);
    assertEquals(List.of("1100" + cpu(1) + "Nmi[source=PERF_COUNTER]"), describe(a.takeSent()));
    a.at(3_000, new LocalApic.WriteLvt(Lvt.PERF_COUNTER, LvtEntry.nmi()), 3_100);
    a.at(4_000, new LocalApic.PerfOverflow(), 4_100);
    assertEquals(List.of("4100" + cpu(1) + "Nmi[source=PERF_COUNTER]"), describe(a.takeSent()));
  }

  @Test
  void lintPinsFollowTheirLvtEntries() {
    HwProbe a = apic(0);
    a.at(100, new LocalApic.Lint(1), 200);
    assertEquals(List.of(), a.takeSent(), "LINT1 is masked after reset");
    a.at(300, new LocalApic.WriteLvt(Lvt.LINT1, LvtEntry.nmi()), 400);
    a.at(500, new LocalApic.WriteLvt(Lvt.LINT0, LvtEntry.nmi().withMasked(true)), 600);
    a.atAll(1_000, List.of(new LocalApic.Lint(1), new LocalApic.Lint(0)), 1_100);
    assertEquals(List.of("1100" + cpu(0) + "Nmi[source=LINT1]"), describe(a.takeSent()));
    a.at(2_000, new LocalApic.WriteLvt(Lvt.LINT0, LvtEntry.nmi()), 2_100);
    a.at(3_000, new LocalApic.Lint(0), 3_100);
    assertEquals(List.of("3100" + cpu(0) + "Nmi[source=LINT0]"), describe(a.takeSent()));
  }

  @Test
  void thePeriodicTimerInterruptsItsCpuEveryPeriodUntilStopped() {
    HwProbe a = apic(2);
    a.at(0, new LocalApic.WriteLvt(Lvt.TIMER, LvtEntry.fixed(0xec)), 10);
    a.at(10, new LocalApic.ArmTimer(TimerMode.PERIODIC, 4_000_000), 12_100_000);
    assertEquals(List.of("4000110" + cpu(2) + "Interrupt[vector=236]",
        "8000110" + cpu(2) + "Interrupt[vector=236]",
        "12000110" + cpu(2) + "Interrupt[vector=236]"), describe(a.takeSent()));
    a.at(12_100_000, new LocalApic.StopTimer(), 30_000_000);
    assertEquals(List.of(), a.takeSent());
  }
}

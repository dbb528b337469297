package io.smpsim.hw.pmu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.hw.testing.HwActorTest;
import io.smpsim.hw.testing.HwProbe;
import io.smpsim.hw.testing.HwTestWorld;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PMU counters count unhalted cycles only, overflow into the PMI, and are reserved per user. */
class PmuActorTest extends HwActorTest {

  private final HwTestWorld world = new HwTestWorld(1);

  private String toCpu(long t, String payload) {
    return t + " " + world.cpuId(0) + " " + payload;
  }

  private String pmi(long t) {
    return t + " " + world.apicEntity(0) + " PerfOverflow[]";
  }

  @Test
  void twoUsersCannotReserveTheSameCounter() {
    HwProbe pmu = new HwProbe(kit, world, world.pmuId(0));
    pmu.at(100, new Pmu.Reserve(0, "nmi-watchdog"), 200);
    pmu.at(300, new Pmu.Reserve(0, "profiler"), 400);
    pmu.at(500, new Pmu.Reserve(-1, "profiler"), 600);
    assertEquals(List.of(
        toCpu(200, "KernelMail[body=Reserved[counter=0, owner=nmi-watchdog, ok=true]]"),
        toCpu(400, "KernelMail[body=Reserved[counter=0, owner=profiler, ok=false]]"),
        toCpu(600, "KernelMail[body=Reserved[counter=1, owner=profiler, ok=true]]")),
        describe(pmu.takeSent()));
    // Only the owner can give a counter back; then it is free for the other user.
    pmu.at(700, new Pmu.Release(0, "profiler"), 800);
    pmu.at(900, new Pmu.Reserve(0, "profiler"), 1_000);
    pmu.at(1_100, new Pmu.Release(0, "nmi-watchdog"), 1_200);
    pmu.at(1_300, new Pmu.Reserve(0, "profiler"), 1_400);
    assertEquals(List.of(
        toCpu(1_000, "KernelMail[body=Reserved[counter=0, owner=profiler, ok=false]]"),
        toCpu(1_400, "KernelMail[body=Reserved[counter=0, owner=profiler, ok=true]]")),
        describe(pmu.takeSent()));
  }

  @Test
  void unhaltedCyclesCountOnlyWhileTheCoreRuns() {
    HwProbe pmu = new HwProbe(kit, world, world.pmuId(0));
    pmu.at(0, new Pmu.Reserve(0, "nmi-watchdog"), 10);
    pmu.at(10, new Pmu.Program(0, "nmi-watchdog", PmuEvent.UNHALTED_CORE_CYCLES, 1_000_000),
        20);
    assertEquals(List.of(
        toCpu(100, "KernelMail[body=Reserved[counter=0, owner=nmi-watchdog, ok=true]]"),
        toCpu(110, "WatchHalt[on=true]")), describe(pmu.takeSent()));
    // Halted for a long time: nothing counts.
    pmu.runTo(50_000_000);
    assertEquals(List.of(), pmu.takeSent());
    // Runs 400 us (plus the wake-up's cost), halts, blips four times at once (the ticks a
    // coasting kernel took together), then runs to the overflow.
    pmu.at(50_000_000, new Pmu.Running(true), 50_400_000);
    pmu.at(50_400_000, new Pmu.Running(false), 60_000_000);
    pmu.at(60_000_000, new Pmu.Blip(4), 70_000_000);
    assertEquals(List.of(), pmu.takeSent());
    long left = 1_000_000 - 400_000 - 6 * Pmu.WAKE_COST_NS;
    pmu.at(70_000_000, new Pmu.Running(true), 73_000_000);
    assertEquals(List.of(pmi(70_000_000 + left + 100), pmi(70_000_000 + left + 1_000_100),
        pmi(70_000_000 + left + 2_000_100)), describe(pmu.takeSent()));
  }

  @Test
  void stoppingTheLastCounterReleasesTheCoresSignal() {
    HwProbe pmu = new HwProbe(kit, world, world.pmuId(0));
    pmu.at(0, new Pmu.Reserve(2, "nmi-watchdog"), 10);
    pmu.at(10, new Pmu.Program(2, "nmi-watchdog", PmuEvent.UNHALTED_CORE_CYCLES, 5_000), 20);
    pmu.at(20, new Pmu.Running(true), 30);
    pmu.takeSent();
    pmu.at(1_000, new Pmu.Release(2, "nmi-watchdog"), 20_000);
    assertEquals(List.of(toCpu(1_100, "WatchHalt[on=false]")), describe(pmu.takeSent()),
        "no overflow after the release, and the core may stop reporting");
  }
}

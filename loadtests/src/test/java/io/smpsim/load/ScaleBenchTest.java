package io.smpsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.load.bench.ScaleBench;
import org.junit.jupiter.api.Test;

/** The fleets {@code bench scale} runs are valid scenarios of the size it reports. */
class ScaleBenchTest {

  @Test
  void theFleetHasItsMachinesAndOneBacktraceEachOnTheFirstOnes() {
    Scenario fleet = new ScenarioLoader().load(ScaleBench.fleet(8, 4096, 8), "fleet", null,
        null);
    assertEquals(8, fleet.machines().size());
    assertEquals(8L * 4096,
        fleet.machines().stream().mapToLong(m -> m.cpus()).sum());
    assertEquals(8, fleet.timeline().size());

    Scenario million = new ScenarioLoader().load(ScaleBench.fleet(128, 8192, 1), "million",
        null, null);
    assertEquals(1_048_576L, million.machines().stream().mapToLong(m -> m.cpus()).sum());
    assertEquals(1, million.timeline().size(), "one backtrace, on m0");
  }
}

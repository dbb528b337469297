package io.smpsim.app.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.GoldenLog;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The cost of a run, estimated before it starts: shipped scenarios pass quietly, absurd ones do not. */
class RunCostTest {

  private final ScenarioLoader loader = new ScenarioLoader();

  private RunCost cost(String duration, String machine) {
    return RunCost.estimate(loader.load("seed = 1\nduration = " + duration + "\nmachines = [ "
        + machine + " ]\n", "c.conf", null, null), 0);
  }

  @Test
  void everyShippedScenarioStartsWithoutAWarning() {
    for (String name : new String[] {"dynticks-idle", "hotplug-4096", "backtrace-4096", "boot"}) {
      Path p = GoldenLog.repoRoot().resolve("scenarios/" + name + ".conf");
      RunCost c = RunCost.estimate(loader.load(p, null, null), 0);
      assertFalse(c.warn(), name + ": " + c.describe());
    }
  }

  @Test
  void longIdleRunsWarnAndAbsurdOnesAreOverTheLimit() {
    RunCost months = cost("3000h", "{ cpus = 8 }");
    assertTrue(months.warn() && !months.overLimit(), months.describe());
    assertEquals("3000 h of simulated time on 8 CPUs: at least 1.7e+08 events, an estimated"
        + " 29 min of wall time", months.describe());
    RunCost absurd = cost("1000000h", "{ cpus = 8 }");
    assertTrue(absurd.overLimit(), absurd.describe());
    RunCost ticking = cost("100h", "{ cpus = 64, hz = 1000, dynticks = false }");
    assertTrue(ticking.overLimit(), "a tick per ms on 64 CPUs: " + ticking.describe());
  }

  @Test
  void theResumedPartIsWhatCounts() {
    Scenario s = loader.load("seed = 1\nduration = 1000000h\nmachines = [ {} ]\n", "c.conf",
        null, null);
    long almostDone = s.durationNs() - 3_600_000_000_000L;
    assertFalse(RunCost.estimate(s, almostDone).warn());
  }
}

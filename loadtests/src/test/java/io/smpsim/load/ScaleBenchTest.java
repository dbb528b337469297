package io.smpsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.app.Cli;
import io.smpsim.app.GoldenLog;

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

  @Test
  void stdoutIsOnlyJsonLinesAndStderrSaysWhichCaseRuns() throws Exception {
    Cli.Outcome o = Cli.run("bench", "scale", "--only", "memory", "--repeat", "1", "--root",
        GoldenLog.repoRoot().toString());
    assertEquals(0, o.exit(), o.stderr());
    // (A test JVM's first logging call may add SLF4J's own start-up lines after it.)
    assertTrue(o.stderr().startsWith("smpsim bench scale: memory (1 of 1)...\n"), o.stderr());
    ObjectMapper json = new ObjectMapper();
    java.util.List<String> lines = o.stdout().lines().toList();
    assertEquals(2, lines.size(), o.stdout());
    assertEquals("machine", json.readTree(lines.get(0)).get("name").asText());
    JsonNode memory = json.readTree(lines.get(1));
    assertEquals("memory", memory.get("name").asText());
    assertEquals(8 * 4096, memory.get("cpus").asInt());
    assertTrue(memory.get("heapBytesPerCpu").asLong() > 0, o.stdout());
  }
}

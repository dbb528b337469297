package io.smpsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.app.Cli;
import org.junit.jupiter.api.Test;

/**
 * {@code smpsim bench phold --json} prints the figures it promises, consistent with each other.
 * (Speed itself is measured by running the bench, never asserted in a unit test.)
 */
class PholdBenchTest {

  @Test
  void printsOneJsonObjectWithTheEngineAndBaselineFigures() throws Exception {
    Cli.Outcome o = Cli.run("bench", "phold", "--entities", "300", "--events-per-entity", "4",
        "--duration", "2us", "--repeat", "1", "--json");
    assertEquals(0, o.exit(), o.stderr());
    JsonNode r = new ObjectMapper().readTree(o.stdout());
    assertEquals(300, r.get("entities").asInt());
    assertEquals(1, r.get("nodes").asInt());
    double e = r.get("eventsPerSec").asDouble();
    double b = r.get("baselineMsgsPerSec").asDouble();
    assertTrue(e > 0 && b > 0, o.stdout());
    assertEquals(e / b, r.get("ratio").asDouble(), 0.01 * e / b + 0.002);
    // Reported, not checked for size: 300 entities' heap is within the GC's noise, and a
    // measurement is a benchmark's business, not a unit test's.
    assertTrue(r.get("heapBytesPerEntity").isNumber(), o.stdout());
    assertTrue(r.get("events").asLong() > 0);
  }
}

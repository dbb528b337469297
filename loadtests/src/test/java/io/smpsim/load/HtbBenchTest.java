package io.smpsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.app.Cli;
import org.junit.jupiter.api.Test;

/**
 * {@code smpsim bench htb --json} prints one JSON line whose figures agree with each other: every
 * round sends what was asked, keeps every class backlogged (the queue stays at its start) and
 * drops nothing. (Speed is the bench's business, never asserted in a unit test.)
 */
class HtbBenchTest {

  @Test
  void printsOneJsonLineWithBothRoundsAndTheirRatio() throws Exception {
    Cli.Outcome o = Cli.run("bench", "htb", "--classes", "400", "--baseline-classes", "40",
        "--packets", "20000", "--repeat", "1", "--json");
    assertEquals(0, o.exit(), o.stderr());
    assertEquals(1, o.stdout().strip().lines().count(), o.stdout());
    JsonNode r = new ObjectMapper().readTree(o.stdout());
    JsonNode b = r.get("baseline");
    assertEquals(400, r.get("classes").asInt());
    assertEquals(40, b.get("classes").asInt());
    for (JsonNode round : new JsonNode[] {r, b}) {
      assertEquals(20_000, round.get("packets").asLong(), o.stdout());
      assertEquals(40_000, round.get("backlog").asLong(), "every class stays backlogged");
      assertEquals(0, round.get("dropped").asLong(), o.stdout());
      assertTrue(round.get("packetsPerSec").asLong() > 0, o.stdout());
    }
    double ratio = r.get("packetsPerSec").asDouble() / b.get("packetsPerSec").asDouble();
    assertEquals(ratio, r.get("ratio").asDouble(), 0.001 + ratio * 0.01);
    assertEquals(r.get("packetsPerSec").asLong() >= 1_000_000, r.get("met").asBoolean());
  }
}

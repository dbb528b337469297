package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smpsim.sim.testing.SerializationErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of machines, each booting and answering an all-CPU backtrace: the same log and trace
 * hash on 1, 2 and 3 nodes; with whole machines per node and no cable between them, the nodes
 * never agree on anything (no epoch), so the work divides.
 */
public class FleetDeterminismTest {

  @TempDir
  Path dir;

  /** Every CPU of {@link #fleet()}'s machines. */
  public static final int FLEET_CPUS = 8 + 16 + 24 + 32 + 40 + 48;

  /**
   * Six machines of 8 to 48 CPUs, each with an all-CPU backtrace at 3 s (also run on worker
   * processes by {@code MultiProcessClusterTest}).
   */
  public static String fleet() {
    StringBuilder b = new StringBuilder("seed = 5\nduration = 4s\nmachines = [\n");
    for (int m = 0; m < 6; m++) {
      b.append("  { name = m").append(m).append(", cpus = ").append(8 + 8 * m)
          .append(", hz = 250, dynticks = true }\n");
    }
    b.append("]\ntimeline = [\n");
    for (int m = 0; m < 6; m++) {
      b.append("  { at = 3s, on = m").append(m)
          .append(", run = \"echo l > /proc/sysrq-trigger\" }\n");
    }
    return b.append("]\n").toString();
  }

  private JsonNode summary(String run) throws IOException {
    return Cli.summary(dir.resolve(run));
  }

  @Test
  void aFleetGivesTheSameLogAndTraceOnOneTwoAndThreeNodesWithoutTalking() throws IOException {
    Path scenario = dir.resolve("fleet.conf");
    Files.writeString(scenario, fleet());
    Cli.Outcome one = Cli.run("run", scenario.toString(), "--out", dir.resolve("n1").toString());
    Cli.Outcome two = Cli.run("run", scenario.toString(), "--nodes", "2", "--out",
        dir.resolve("n2").toString());
    Cli.Outcome three = Cli.run("run", scenario.toString(), "--nodes", "3", "--out",
        dir.resolve("n3").toString());
    SerializationErrors.assertNone();
    assertEquals(0, one.exit(), one.stderr());
    assertEquals(0, two.exit(), two.stderr());
    assertEquals(0, three.exit(), three.stderr());
    assertEquals(FLEET_CPUS,
        one.stdout().lines().filter(l -> l.contains("] NMI backtrace for cpu ")).count(),
        "every CPU of every machine answers");
    assertEquals(one.stdout(), two.stdout());
    assertEquals(one.stdout(), three.stdout());
    String hash = summary("n1").get("traceHash").asText();
    assertEquals(hash, summary("n2").get("traceHash").asText());
    assertEquals(hash, summary("n3").get("traceHash").asText());
    assertEquals(summary("n1").get("events"), summary("n3").get("events"));
    for (String run : new String[] {"n1", "n2", "n3"}) {
      assertEquals(0, summary(run).get("epochs").asLong(),
          run + ": nodes hosting unlinked machines send each other nothing");
    }
    for (JsonNode n : summary("n3").get("entitiesPerNode")) {
      assertTrue(n.asInt() > 0, "every node hosts machines: " + summary("n3"));
    }
  }
}

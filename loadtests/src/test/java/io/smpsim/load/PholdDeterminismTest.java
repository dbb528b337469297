package io.smpsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smpsim.app.Cli;
import io.smpsim.app.cluster.WorkerProcesses;
import io.smpsim.sim.testing.SerializationErrors;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PHOLD gives the same trace hash and event count on 1, 2 and 3 in-JVM nodes, on three worker
 * processes, and run after run.
 */
class PholdDeterminismTest {

  @TempDir
  Path out;

  /** A smaller PHOLD than scenarios/phold.conf: every message is serialized in tests. */
  private static final String SCENARIO = "seed = 7\nduration = 3us\nmodel = phold\n"
      + "phold { entities = 1500, events-per-entity = 8, remote = 0.9, mean-delay = 100ns,"
      + " groups = 30 }\n";

  private JsonNode run(String name, String... extra) throws IOException {
    Path scenario = out.resolve("phold.conf");
    java.nio.file.Files.writeString(scenario, SCENARIO);
    String[] args = new String[3 + extra.length];
    args[0] = "run";
    args[1] = scenario.toString();
    args[2] = "--out=" + out.resolve(name);
    System.arraycopy(extra, 0, args, 3, extra.length);
    Cli.Outcome o = Cli.run(args);
    assertEquals(0, o.exit(), o.stderr());
    assertEquals("", o.stdout(), "PHOLD has no kernel log");
    return Cli.summary(out.resolve(name));
  }

  @Test
  void sameTraceHashOnOneAndThreeNodesAndAcrossRuns() throws IOException {
    JsonNode one = run("one");
    JsonNode three = run("three", "--nodes", "3");
    JsonNode again = run("again");
    SerializationErrors.assertNone();
    assertEquals("phold", one.get("model").asText());
    assertTrue(one.get("events").asLong() > 50_000, "a busy run: " + one.get("events"));
    assertEquals(one.get("events").asLong(), three.get("events").asLong());
    assertEquals(one.get("traceHash").asText(), three.get("traceHash").asText());
    assertEquals(one.get("traceHash").asText(), again.get("traceHash").asText());
    for (JsonNode n : three.get("entitiesPerNode")) {
      assertTrue(n.asInt() >= 400, "entities spread over the nodes: "
          + three.get("entitiesPerNode"));
    }
  }

  @Test
  void sameTraceHashOnTwoNodesAndOnThreeWorkerProcesses(@TempDir Path logs) throws IOException {
    JsonNode one = run("alone");
    JsonNode two = run("two", "--nodes", "2");
    JsonNode processes;
    try (WorkerProcesses workers = WorkerProcesses.start(logs, 3)) {
      processes = run("processes", "--cluster", workers.seed());
    }
    SerializationErrors.assertNone();
    assertEquals(one.get("traceHash").asText(), two.get("traceHash").asText());
    assertEquals(one.get("traceHash").asText(), processes.get("traceHash").asText());
    assertEquals(one.get("events").asLong(), processes.get("events").asLong());
    assertEquals(3, processes.get("entitiesPerNode").size(),
        "every worker process takes part: " + processes.get("entitiesPerNode"));
    for (JsonNode n : processes.get("entitiesPerNode")) {
      assertTrue(n.asInt() >= 400, "entities spread over the processes: "
          + processes.get("entitiesPerNode"));
    }
  }

  @Test
  void anotherSeedGivesAnotherTrace() throws IOException {
    JsonNode a = run("seed7");
    JsonNode b = run("seed8", "--seed", "8");
    assertTrue(!a.get("traceHash").asText().equals(b.get("traceHash").asText()));
  }
}

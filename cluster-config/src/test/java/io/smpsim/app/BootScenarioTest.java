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

/** scenarios/boot.conf: an 8-CPU machine boots; the same log and trace on 1 and 3 nodes. */
class BootScenarioTest {

  @TempDir
  Path out;

  private static final String BOOT = GoldenLog.repoRoot().resolve("scenarios/boot.conf")
      .toString();

  @Test
  void bootsEightCpusWithTheKernelsBringUpLinesOnOneAndThreeNodes() throws IOException {
    Cli.Outcome one = Cli.run("run", BOOT, "--out", out.resolve("n1").toString());
    Cli.Outcome three = Cli.run("run", BOOT, "--nodes", "3", "--out",
        out.resolve("n3").toString());
    Cli.Outcome again = Cli.run("run", BOOT, "--out", out.resolve("again").toString());
    SerializationErrors.assertNone();
    assertEquals(0, one.exit(), one.stderr());
    assertEquals(0, three.exit(), three.stderr());

    String log = one.stdout();
    assertTrue(log.contains("] smp: Bringing up secondary CPUs ...\n"));
    assertTrue(log.contains("] x86: Booting SMP configuration:\n"));
    assertTrue(log.contains("] .... node  #0, CPUs:      #1 #2 #3 #4 #5 #6 #7\n"), log);
    assertTrue(log.contains("] smp: Brought up 1 node, 8 CPUs\n"), log);
    assertTrue(log.contains("] smpboot: Total of 8 processors activated (47999.96 BogoMIPS)\n"));
    GoldenLog.assertMatches(GoldenLog.repoRoot().resolve("scenarios/boot.dmesg"), log);

    assertEquals(log, three.stdout(), "the log does not depend on the number of nodes");
    assertEquals(log, again.stdout(), "nor on the run");
    JsonNode s1 = summary("n1");
    JsonNode s3 = summary("n3");
    assertEquals(s1.get("traceHash").asText(), s3.get("traceHash").asText());
    assertEquals(s1.get("traceHash").asText(), summary("again").get("traceHash").asText());
    assertEquals(10_000_000_000L, s1.get("simulatedNs").asLong());
    assertEquals(3, s3.get("entitiesPerNode").size());
    for (JsonNode n : s3.get("entitiesPerNode")) {
      assertTrue(n.asInt() > 0, "every node hosts a share: " + s3.get("entitiesPerNode"));
    }
    assertEquals(log, Files.readString(out.resolve("n1/dmesg-m0.log")));
  }

  private JsonNode summary(String run) throws IOException {
    JsonNode s = Cli.summary(out.resolve(run));
    for (String field : new String[] {"scenario", "seed", "nodes", "simulatedNs", "events",
        "windows", "wallMs", "eventsPerSec", "traceHash", "entitiesPerNode"}) {
      assertTrue(s.has(field), "summary.json has " + field);
    }
    return s;
  }
}

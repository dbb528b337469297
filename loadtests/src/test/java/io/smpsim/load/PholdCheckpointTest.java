package io.smpsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smpsim.app.Cli;
import io.smpsim.sim.checkpoint.CheckpointDir;
import io.smpsim.sim.testing.SerializationErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PHOLD's processes, with thousands of events in flight, survive a checkpoint: a run stopped
 * after its checkpoints and resumed on another number of nodes ends with the events and trace
 * hash of the uninterrupted run.
 */
class PholdCheckpointTest {

  private static final String SCENARIO = "seed = 11\nduration = 2us\nmodel = phold\n"
      + "phold { entities = 1500, events-per-entity = 8, remote = 0.9, mean-delay = 100ns,"
      + " groups = 30 }\n";

  @TempDir
  Path dir;

  private JsonNode summary(String run) throws IOException {
    return Cli.summary(dir.resolve(run));
  }

  @Test
  void aResumedPholdRunEndsLikeTheUninterruptedOne() throws IOException {
    Path scenario = Files.writeString(dir.resolve("phold.conf"), SCENARIO);
    Path checkpoints = dir.resolve("ckpt");
    Cli.Outcome stopped = Cli.run("run", scenario.toString(), "--duration", "1200ns",
        "--checkpoint-every", "500ns", "--checkpoint-dir", checkpoints.toString());
    assertEquals(0, stopped.exit(), stopped.stderr());
    assertEquals(1000, CheckpointDir.latestManifest(checkpoints).point().now(),
        "the latest checkpoint is the one at 1000 ns");

    Cli.Outcome resumed = Cli.run("resume", checkpoints.toString(), "--nodes", "2",
        "--duration", "2us", "--out", dir.resolve("resumed").toString());
    Cli.Outcome plain = Cli.run("run", scenario.toString(), "--out",
        dir.resolve("plain").toString());
    SerializationErrors.assertNone();
    assertEquals(0, resumed.exit(), resumed.stderr());
    assertEquals(0, plain.exit(), plain.stderr());
    assertTrue(summary("plain").get("events").asLong() > 20_000);
    assertEquals(summary("plain").get("events"), summary("resumed").get("events"));
    // Windows are how each node cut its own time; they depend on the placement, the trace not.
    assertEquals(summary("plain").get("traceHash"), summary("resumed").get("traceHash"));
  }
}

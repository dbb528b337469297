package io.smpsim.sim.checkpoint;

import static io.smpsim.sim.testing.TestPayloads.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.engine.EmbeddedCluster;
import io.smpsim.sim.engine.Handshake;
import io.smpsim.sim.engine.RunClient;
import io.smpsim.sim.engine.RunReply;
import io.smpsim.sim.serialization.StateCodec;
import io.smpsim.sim.testing.RingWorld;
import io.smpsim.sim.testing.SerializationErrors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run checkpointed at window boundaries and resumed — on another number of nodes — ends with
 * the trace hash and the outputs of the uninterrupted run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckpointResumeTest {

  private static final WorldSpec SPEC = new WorldSpec("ring", "60 6 120", "test", 42);
  private static final long LOOKAHEAD = 100;
  private static final long END = Long.MAX_VALUE - 1;

  private EmbeddedCluster one;
  private EmbeddedCluster three;

  @TempDir
  Path dir;

  @BeforeAll
  void start() {
    one = EmbeddedCluster.start(1, ConfigFactory.empty(), List.of(new RingWorld.Factory()),
        Duration.ofSeconds(30));
    three = EmbeddedCluster.start(3, ConfigFactory.empty(), List.of(new RingWorld.Factory()),
        Duration.ofSeconds(30));
  }

  @AfterAll
  void stop() {
    one.close();
    three.close();
  }

  private StateCodec codec() {
    return StateCodec.fromConfig(one.nodes().get(0).system().settings().config());
  }

  private Handshake self() {
    return Handshake.of(one.nodes().get(0).system().settings().config(), "");
  }

  @Test
  void aResumedRunEndsLikeTheUninterruptedOneOnAnyNumberOfNodes() {
    RunClient plain = one.client(Duration.ofSeconds(30));
    plain.start(SPEC, LOOKAHEAD, 1);
    List<String> expected = new ArrayList<>();
    RunReply.Paused uninterrupted = plain.runUntil(END, o -> expected.add(line(o)), null);
    plain.finish(o -> expected.add(line(o)));

    // Checkpoint every 5,000 ns of simulated time, on one node, and "crash" well after the third
    // (a token's 50th hop, which is reported, comes at about 17,500 ns).
    RunClient first = one.client(Duration.ofSeconds(30));
    RunReply.Started started = first.start(SPEC, LOOKAHEAD, 1);
    List<String> beforeCrash = new ArrayList<>();
    List<Long> checkpointTimes = new ArrayList<>();
    try (CheckpointDir cps = CheckpointDir.create(dir, codec())) {
      long every = 5_000;
      for (int i = 0; i < 3; i++) {
        RunReply.Paused p = first.runUntil(END, (first.now() / every + 1) * every,
            cps.recording(o -> beforeCrash.add(line(o))), null);
        CheckpointManifest m = first.saveCheckpoint(cps.begin(SPEC, LOOKAHEAD,
            new io.smpsim.sim.engine.ResumePoint(p.now(), p.windows(), p.events(),
                p.traceHash()), started.nodeAddresses().size(), started.entities(), self(),
            ConfigFactory.empty()));
        checkpointTimes.add(m.point().now());
      }
      // Outputs after the last checkpoint reach the log too, as they would before a crash.
      first.runUntil(END, 25_000, cps.recording(o -> beforeCrash.add(line(o))),
          null);
    }
    first.finish(o -> { });
    assertEquals(List.of(5_000L, 10_000L, 15_000L), checkpointTimes,
        "checkpoints are taken at multiples of the interval");

    List<String> resumedLines = new ArrayList<>();
    RunClient resumed = three.client(Duration.ofSeconds(30));
    RunReply.Paused end;
    try (CheckpointDir cps = CheckpointDir.resume(dir, codec(), self(),
        o -> resumedLines.add(line(o)))) {
      CheckpointManifest m = cps.latest();
      assertNotNull(m);
      assertEquals(checkpointTimes.get(2), m.point().now(), "the latest checkpoint is resumed");
      assertTrue(resumedLines.size() < beforeCrash.size(),
          "outputs after the checkpoint are dropped: " + resumedLines.size() + " of "
              + beforeCrash.size());
      RunReply.Started s = resumed.resume(m, cps.latestStateFiles(),
          new RingWorld.Factory().build(SPEC), 3);
      assertEquals(3, s.nodeAddresses().size());
      assertEquals(m.point().now(), s.now());
      end = resumed.runUntil(END, cps.recording(o -> resumedLines.add(line(o))), null);
    }
    resumed.finish(o -> resumedLines.add(line(o)));
    SerializationErrors.assertNone();

    assertEquals(uninterrupted.events(), end.events());
    // Windows are how each node cut its own time: they depend on the placement, the trace not.
    assertEquals(Long.toHexString(uninterrupted.traceHash()), Long.toHexString(end.traceHash()));
    assertEquals(expected, resumedLines);
  }
}

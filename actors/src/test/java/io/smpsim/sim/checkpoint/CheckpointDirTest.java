package io.smpsim.sim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.engine.Handshake;
import io.smpsim.sim.engine.ResumePoint;
import io.smpsim.sim.serialization.StateCodec;
import io.smpsim.sim.testing.TestPayloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint directory: a crash while a checkpoint is written leaves the previous one as the
 * latest, with exactly the outputs that preceded it; checkpoints of another build, and
 * directories without one, are refused with the reason.
 */
class CheckpointDirTest {

  private static final Config CONFIG = ConfigFactory.load();
  private static final StateCodec CODEC = StateCodec.fromConfig(CONFIG);
  private static final Handshake SELF = Handshake.of(CONFIG, "");
  private static final WorldSpec SPEC = new WorldSpec("ring", "4 2 10", "test", 1);

  @TempDir
  Path dir;

  private static OutputRecord line(long time, String text) {
    return new OutputRecord(time, 0, time, new TestPayloads.Line(text));
  }

  private static CheckpointManifest checkpoint(CheckpointDir cps, long now, byte[] state) {
    CheckpointWriter w = cps.begin(SPEC, 100, new ResumePoint(now, 7, 70, 0xabcdefL), 1, 1,
        SELF, ConfigFactory.parseString("duration-ns = 1000"));
    w.append(0, state);
    return w.commit();
  }

  @Test
  void aCrashWhileWritingLeavesTheLatestCheckpointUsable() throws IOException {
    try (CheckpointDir cps = CheckpointDir.create(dir, CODEC)) {
      Consumer<OutputRecord> out = cps.recording(o -> { });
      out.accept(line(10, "before the checkpoint"));
      checkpoint(cps, 100, new byte[] {1, 2, 3});
      out.accept(line(150, "after the checkpoint"));
      CheckpointWriter crashing = cps.begin(SPEC, 100, new ResumePoint(200, 9, 90, 1), 1, 1,
          SELF, ConfigFactory.empty());
      crashing.append(0, new byte[] {4, 5});
      // The process dies here: the checkpoint is never committed.
    }
    List<String> replayed = new ArrayList<>();
    try (CheckpointDir cps = CheckpointDir.resume(dir, CODEC, SELF,
        o -> replayed.add(((TestPayloads.Line) o.output()).text()))) {
      CheckpointManifest m = cps.latest();
      assertEquals(100, m.point().now());
      assertEquals(0xabcdefL, m.point().traceHash());
      assertEquals(1000, m.app().getLong("duration-ns"));
      assertEquals(List.of("before the checkpoint"), replayed);
      assertEquals(List.of(1, 2, 3), bytes(cps.latestStateFiles().get(0)));
      try (Stream<Path> s = Files.list(dir)) {
        assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")),
            "the half-written checkpoint is cleaned up");
      }
      // The resumed run appends after the checkpoint, not after the dropped output.
      cps.recording(o -> { }).accept(line(160, "resumed"));
      checkpoint(cps, 300, new byte[] {6});
    }
    List<String> again = new ArrayList<>();
    try (CheckpointDir cps = CheckpointDir.resume(dir, CODEC, SELF,
        o -> again.add(((TestPayloads.Line) o.output()).text()))) {
      assertEquals(300, cps.latest().point().now());
      assertEquals(List.of("before the checkpoint", "resumed"), again);
    }
  }

  private static List<Integer> bytes(Path f) throws IOException {
    List<Integer> out = new ArrayList<>();
    for (byte b : Files.readAllBytes(f)) {
      out.add((int) b);
    }
    return out;
  }

  @Test
  void checkpointsOfAnotherBuildAreRefused() {
    try (CheckpointDir cps = CheckpointDir.create(dir, CODEC)) {
      checkpoint(cps, 100, new byte[0]);
    }
    Handshake other = new Handshake("9.9.9", SELF.wire(), "");
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> CheckpointDir.resume(dir, CODEC, other, o -> { }));
    assertTrue(e.getMessage().contains("was written by smpsim " + SELF.version()), e.getMessage());
    assertTrue(e.getMessage().contains("this is smpsim 9.9.9"), e.getMessage());
  }

  @Test
  void aNewRunDoesNotOverwriteCheckpointsAndAnEmptyDirectoryHasNone() throws IOException {
    try (CheckpointDir cps = CheckpointDir.create(dir, CODEC)) {
      checkpoint(cps, 100, new byte[0]);
    }
    CheckpointException taken = assertThrows(CheckpointException.class,
        () -> CheckpointDir.create(dir, CODEC));
    assertTrue(taken.getMessage().contains("already holds the checkpoints of a run"));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CheckpointException none = assertThrows(CheckpointException.class,
        () -> CheckpointDir.latestManifest(empty));
    assertEquals(empty + " holds no complete checkpoint (no latest file)", none.getMessage());
  }
}

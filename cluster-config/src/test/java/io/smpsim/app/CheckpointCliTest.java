package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.sim.testing.SerializationErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smpsim run --checkpoint-every D --checkpoint-dir DIR} and {@code smpsim resume DIR}: a
 * boot interrupted after 600 ms and resumed from its checkpoint, on another number of nodes and
 * to another end, prints and writes exactly what the uninterrupted boot does.
 */
class CheckpointCliTest {

  private static final String BOOT = GoldenLog.repoRoot().resolve("scenarios/boot.conf")
      .toString();

  @TempDir
  Path dir;

  private String traceHash(String run) {
    return Cli.traceHash(dir.resolve(run));
  }

  @Test
  void aRunResumedFromItsCheckpointOnOtherNodesEndsLikeTheUninterruptedRun() throws IOException {
    Path checkpoints = dir.resolve("ckpt");
    Cli.Outcome first = Cli.run("run", BOOT, "--nodes", "2", "--duration", "600ms",
        "--checkpoint-every", "100ms", "--checkpoint-dir", checkpoints.toString());
    assertEquals(0, first.exit(), first.stderr());
    assertEquals("cp-00000005", Files.readString(checkpoints.resolve("latest")).strip(),
        "checkpoints at 100, 200, 300, 400 and 500 ms");

    Cli.Outcome resumed = Cli.run("resume", checkpoints.toString(), "--nodes", "3",
        "--duration", "10s", "--out", dir.resolve("resumed").toString());
    Cli.Outcome plain = Cli.run("run", BOOT, "--out", dir.resolve("plain").toString());
    SerializationErrors.assertNone();
    assertEquals(0, resumed.exit(), resumed.stderr());
    GoldenLog.assertMatches(GoldenLog.repoRoot().resolve("scenarios/boot.dmesg"),
        resumed.stdout());
    assertEquals(plain.stdout(), Files.readString(dir.resolve("resumed/dmesg-m0.log")));
    assertEquals(traceHash("plain"), traceHash("resumed"));
  }

  @Test
  void checkpointMistakesAreInvalidInputWithTheReason() throws IOException {
    Cli.Outcome noDir = Cli.run("run", BOOT, "--checkpoint-every", "1s");
    assertEquals(2, noDir.exit());
    assertEquals("smpsim: --checkpoint-every and --checkpoint-dir go together\n",
        noDir.stderr());

    Path empty = Files.createDirectories(dir.resolve("empty"));
    Cli.Outcome nothing = Cli.run("resume", empty.toString());
    assertEquals(2, nothing.exit());
    assertEquals("smpsim: " + empty + " holds no complete checkpoint (no latest file)\n",
        nothing.stderr());

    Path taken = dir.resolve("taken");
    assertEquals(0, Cli.run("run", BOOT, "--duration", "200ms", "--checkpoint-every", "100ms",
        "--checkpoint-dir", taken.toString()).exit());
    Cli.Outcome again = Cli.run("run", BOOT, "--checkpoint-every", "100ms",
        "--checkpoint-dir", taken.toString());
    assertEquals(2, again.exit());
    assertTrue(again.stderr().startsWith("smpsim: " + taken + " already holds the checkpoints"
        + " of a run: resume it with `smpsim resume " + taken + "`"), again.stderr());
  }
}

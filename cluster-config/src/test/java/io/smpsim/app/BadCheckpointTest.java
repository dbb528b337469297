package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged or edited checkpoint is refused by {@code smpsim resume} before anything runs: exit
 * 2, the file named, no stack trace, nothing printed on stdout. Every byte of a checkpoint is
 * covered by a checksum: the state files and the manifest by SHA256SUMS, the part of the output
 * log before the checkpoint by the manifest.
 */
class BadCheckpointTest {

  private static final String BOOT = GoldenLog.repoRoot().resolve("scenarios/boot.conf")
      .toString();
  private static final String CP = "cp-00000002";

  @TempDir
  static Path dir;

  private static Path good;

  @BeforeAll
  static void takeACheckpoint() {
    good = dir.resolve("good");
    Cli.Outcome o = Cli.run("run", BOOT, "--duration", "300ms", "--checkpoint-every", "100ms",
        "--checkpoint-dir", good.toString());
    assertEquals(0, o.exit(), o.stderr());
  }

  /** A copy of the good checkpoint directory, to damage. */
  private Path copy(String name) throws IOException {
    Path to = dir.resolve(name);
    try (Stream<Path> s = Files.walk(good)) {
      for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
        Files.copy(p, to.resolve(good.relativize(p).toString()));
      }
    }
    return to;
  }

  /** Rewrites {@code file} with {@code edit} applied to its bytes. */
  private static Path damage(Path file, UnaryOperator<byte[]> edit) throws IOException {
    Files.write(file, edit.apply(Files.readAllBytes(file)));
    return file;
  }

  private static Cli.Outcome assertRefused(Path checkpoints, String expected) {
    Cli.Outcome o = Cli.run("resume", checkpoints.toString(), "--duration", "400ms");
    assertEquals(2, o.exit(), o.stderr());
    assertEquals("", o.stdout());
    assertEquals("smpsim: " + expected + "\n", o.stderr());
    HostileInput.assertNoJavaText(o.stderr());
    return o;
  }

  private static String changed(Path file) {
    return file + " does not match its checksum: it was changed or damaged after the checkpoint"
        + " was written; resume an intact copy";
  }

  @Test
  void anIntactCopyResumes() throws IOException {
    Path c = copy("intact");
    Cli.Outcome o = Cli.run("resume", c.toString(), "--duration", "400ms");
    assertEquals(0, o.exit(), o.stderr());
  }

  @Test
  void aTruncatedStateFileIsRefused() throws IOException {
    Path c = copy("truncated");
    Path state = damage(c.resolve(CP).resolve("node-0.state"),
        b -> java.util.Arrays.copyOf(b, b.length / 2));
    assertRefused(c, changed(state));
  }

  @Test
  void aFlippedBitInAStateFileIsRefused() throws IOException {
    Path c = copy("flipped");
    Path state = damage(c.resolve(CP).resolve("node-0.state"), b -> {
      b[b.length / 3] ^= 0x10;
      return b;
    });
    assertRefused(c, changed(state));
  }

  @Test
  void aClassOutsideTheAllowListIsRefused() throws IOException {
    Path c = copy("foreign");
    // Kryo writes an unregistered class by name; swap one for a class of the same length that
    // no checkpoint may hold.
    Path state = damage(c.resolve(CP).resolve("node-0.state"), b -> {
      int at = new String(b, StandardCharsets.ISO_8859_1).indexOf("java.util.ArrayDequ");
      assertTrue(at >= 0, "the state names java.util.ArrayDeque");
      byte[] foreign = "java.net.InetAddres".getBytes(StandardCharsets.ISO_8859_1);
      System.arraycopy(foreign, 0, b, at, foreign.length);
      return b;
    });
    assertRefused(c, changed(state));
  }

  @Test
  void anEditedManifestIsRefusedEvenWhenItStillParses() throws IOException {
    Path c = copy("edited-now");
    Path manifest = c.resolve(CP).resolve("manifest.conf");
    String text = Files.readString(manifest);
    assertTrue(text.contains("now=200000000"), text);
    Files.writeString(manifest, text.replace("now=200000000", "now=250000000"));
    assertRefused(c, changed(manifest));
  }

  @Test
  void aCutOutputLogIsRefused() throws IOException {
    Path c = copy("cut-outputs");
    Path outputs = damage(c.resolve("outputs.bin"), b -> java.util.Arrays.copyOf(b, 10));
    assertRefused(c, outputs + " is shorter than the " + manifestBytes(c) + " bytes the"
        + " checkpoint counts: it was cut or damaged");
  }

  @Test
  void aFlippedBitInTheOutputLogIsRefused() throws IOException {
    Path c = copy("flipped-outputs");
    Path outputs = damage(c.resolve("outputs.bin"), b -> {
      b[20] ^= 0x01;
      return b;
    });
    assertRefused(c, changed(outputs));
  }

  @Test
  void missingChecksumsAndAWildLatestPointerAreRefused() throws IOException {
    Path c = copy("no-sums");
    Files.delete(c.resolve(CP).resolve("SHA256SUMS"));
    assertRefused(c, c.resolve(CP) + " has no SHA256SUMS: it is not a complete checkpoint of"
        + " this smpsim");

    Path wild = copy("wild-latest");
    Files.writeString(wild.resolve("latest"), "../../etc\n");
    assertRefused(wild, wild.resolve("latest") + " is damaged: it should name a checkpoint"
        + " (cp-NNNNNNNN), not '../../etc'");

    Path binary = copy("binary-latest");
    Files.write(binary.resolve("latest"), new byte[] {(byte) 0xff, 0, 1, 2});
    Cli.Outcome o = Cli.run("resume", binary.toString());
    assertEquals(2, o.exit(), o.stderr());
    HostileInput.assertNoJavaText(o.stderr());
  }

  private static long manifestBytes(Path c) throws IOException {
    String m = Files.readString(c.resolve(CP).resolve("manifest.conf"));
    java.util.regex.Matcher x = java.util.regex.Pattern.compile("bytes=(\\d+)").matcher(m);
    assertTrue(x.find(), m);
    return Long.parseLong(x.group(1));
  }
}

package io.smpsim.sim.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SHA-256 checksums of a checkpoint's files, kept in {@code SHA256SUMS} beside them in the
 * format of {@code sha256sum} (so {@code sha256sum -c SHA256SUMS} checks them by hand too). A
 * resume checks every file against it before reading a byte of state, so a truncated,
 * bit-flipped or edited file is refused with its name instead of failing somewhere inside the
 * run. (A checksum catches damage and careless edits; it is not a signature.)
 */
final class Checksums {

  static final String FILE = "SHA256SUMS";

  private Checksums() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The checksum of a whole file. */
  static String of(Path file) throws IOException {
    MessageDigest d = sha256();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        d.update(buf, 0, n);
      }
    }
    return hex(d);
  }

  /** Writes {@code sums} (file name → checksum) as {@code dir/SHA256SUMS}. */
  static Path write(Path dir, Map<String, String> sums) throws IOException {
    StringBuilder b = new StringBuilder();
    sums.forEach((name, sum) -> b.append(sum).append("  ").append(name).append('\n'));
    Path file = dir.resolve(FILE);
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    return file;
  }

  /**
   * Reads {@code cp/SHA256SUMS}.
   *
   * @throws CheckpointException if it is missing or not in sha256sum's format
   */
  static Map<String, String> read(Path cp) {
    Path file = cp.resolve(FILE);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new CheckpointException(cp + " has no " + FILE + ": it is not a complete checkpoint"
          + " of this smpsim");
    } catch (IOException e) {
      throw new CheckpointException("cannot read " + file + " (" + e.getMessage() + ")");
    }
    Map<String, String> sums = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (!line.matches("[0-9a-f]{64}  [A-Za-z0-9._-]+")) {
        throw new CheckpointException(file + " is damaged: not a checksum line: '" + line + "'");
      }
      sums.put(line.substring(66), line.substring(0, 64));
    }
    return sums;
  }

  /**
   * Checks {@code cp/name} against its line in {@code sums}.
   *
   * @throws CheckpointException if it is missing, unlisted or changed
   */
  static void verify(Path cp, String name, Map<String, String> sums) {
    Path file = cp.resolve(name);
    String expected = sums.get(name);
    if (expected == null) {
      throw new CheckpointException(cp.resolve(FILE) + " lists no checksum for " + name);
    }
    String actual;
    try {
      actual = of(file);
    } catch (NoSuchFileException e) {
      throw new CheckpointException(cp + " lacks " + name + ": it is not a complete checkpoint");
    } catch (IOException e) {
      throw new CheckpointException("cannot read " + file + " (" + e.getMessage() + ")");
    }
    if (!actual.equals(expected)) {
      throw changed(file);
    }
  }

  /** The error for a file whose bytes are not those the checkpoint wrote. */
  static CheckpointException changed(Path file) {
    return new CheckpointException(file + " does not match its checksum: it was changed or"
        + " damaged after the checkpoint was written; resume an intact copy");
  }
}

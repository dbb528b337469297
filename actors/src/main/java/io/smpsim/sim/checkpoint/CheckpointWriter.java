package io.smpsim.sim.checkpoint;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One checkpoint being written: the nodes' state chunks are appended to their files in a
 * temporary directory as they arrive; {@link #commit()} makes the checkpoint durable and
 * publishes it (see {@link CheckpointDir}). Until then, nothing a reader would use has changed.
 */
public final class CheckpointWriter {

  private final Path tmp;
  private final DigestOutputStream[] files;
  private final Function<List<String>, CheckpointManifest> publish;

  /**
   * @param publish publishes the checkpoint, given the SHA-256 of each state file (node order)
   */
  CheckpointWriter(Path tmp, int nodes, Function<List<String>, CheckpointManifest> publish) {
    this.tmp = tmp;
    this.publish = publish;
    this.files = new DigestOutputStream[nodes];
    try {
      Files.createDirectories(tmp);
      for (int n = 0; n < nodes; n++) {
        // Checksummed as written, so the states are not read back to be summed.
        files[n] = new DigestOutputStream(new BufferedOutputStream(
            Files.newOutputStream(tmp.resolve(CheckpointDir.stateFile(n))), 1 << 16),
            Checksums.sha256());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a checkpoint in " + tmp, e);
    }
  }

  /** Appends the next chunk of node {@code node}'s state stream. */
  public void append(int node, byte[] chunk) {
    try {
      files[node].write(chunk);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp.resolve(CheckpointDir.stateFile(node)),
          e);
    }
  }

  /** Gives up (the run was aborted): closes the files; the next run in the directory cleans up. */
  public void abandon() {
    for (OutputStream f : files) {
      try {
        f.close();
      } catch (IOException e) {
        // The half-written checkpoint is never published; a failed close changes nothing.
      }
    }
  }

  /** Closes the state files, makes them durable and publishes the checkpoint. */
  public CheckpointManifest commit() {
    List<String> sums = new ArrayList<>();
    try {
      for (int n = 0; n < files.length; n++) {
        files[n].close();
        sums.add(Checksums.hex(files[n].getMessageDigest()));
        CheckpointDir.force(tmp.resolve(CheckpointDir.stateFile(n)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish the checkpoint in " + tmp, e);
    }
    return publish.apply(sums);
  }
}

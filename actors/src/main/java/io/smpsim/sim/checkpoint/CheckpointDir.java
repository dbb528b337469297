package io.smpsim.sim.checkpoint;

import com.typesafe.config.Config;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.engine.Handshake;
import io.smpsim.sim.engine.ResumePoint;
import io.smpsim.sim.serialization.StateCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The checkpoints of one run, in one directory:
 *
 * <pre>
 *   latest            the name of the newest complete checkpoint
 *   outputs.bin       the run's outputs so far ({@link OutputLog})
 *   cp-00000007/      a checkpoint: manifest.conf, node-&lt;i&gt;.state (one per node) and
 *                     SHA256SUMS, the checksums of both ({@link Checksums}); the manifest holds
 *                     that of the output log's part before the checkpoint
 * </pre>
 *
 * A checkpoint is written into {@code cp-N.tmp/}, made durable, renamed to {@code cp-N/}, and
 * only then named in {@code latest} (written aside and renamed over it), so a crash at any point
 * leaves {@code latest} naming a complete checkpoint. The two newest checkpoints are kept.
 */
public final class CheckpointDir implements AutoCloseable {

  static final String LATEST = "latest";
  static final String OUTPUTS = "outputs.bin";
  static final String MANIFEST = "manifest.conf";
  private static final String PREFIX = "cp-";
  private static final String TMP = ".tmp";
  private static final int KEEP = 2;

  private final Path dir;
  private final StateCodec codec;
  private final OutputLog outputs;
  private final CheckpointManifest latest;
  private int next;

  private CheckpointDir(Path dir, StateCodec codec, OutputLog outputs,
      CheckpointManifest latest, int next) {
    this.dir = dir;
    this.codec = codec;
    this.outputs = outputs;
    this.latest = latest;
    this.next = next;
  }

  /**
   * Prepares {@code dir} for the checkpoints of a new run.
   *
   * @throws CheckpointException if it already holds a run's checkpoints
   */
  public static CheckpointDir create(Path dir, StateCodec codec) {
    if (Files.exists(dir.resolve(LATEST))) {
      throw new CheckpointException(dir + " already holds the checkpoints of a run: resume it"
          + " with `smpsim resume " + dir + "`, or give another --checkpoint-dir");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new CheckpointException("--checkpoint-dir " + dir + ": exists and is not a directory");
    }
    try {
      Files.createDirectories(dir);
      removeLeftovers(dir, -1);
    } catch (IOException e) {
      throw new CheckpointException("--checkpoint-dir " + dir + ": cannot prepare it ("
          + reason(e) + ")");
    }
    return new CheckpointDir(dir, codec, OutputLog.create(dir.resolve(OUTPUTS), codec), null, 1);
  }

  /**
   * Opens {@code dir} to resume its latest checkpoint: checks that this build can read it, hands
   * the outputs that precede it to {@code replay}, and drops anything written after it.
   *
   * @param self this build's handshake (version and wire fingerprint)
   * @throws CheckpointException if there is no complete checkpoint, or another build wrote it
   */
  public static CheckpointDir resume(Path dir, StateCodec codec, Handshake self,
      Consumer<OutputRecord> replay) {
    String name = latestName(dir);
    Path cp = dir.resolve(name);
    CheckpointManifest m = manifest(dir, name);
    if (!m.version().equals(self.version()) || !m.wire().equals(self.wire())) {
      throw new CheckpointException(cp.resolve(MANIFEST) + " was written by smpsim "
          + m.version() + " (wire " + m.wire() + "); this is smpsim " + self.version()
          + " (wire " + self.wire() + "): resume it with the build that wrote it");
    }
    Map<String, String> sums = Checksums.read(cp);
    for (int n = 0; n < m.nodes(); n++) {
      if (!Files.exists(cp.resolve(stateFile(n)))) {
        throw new CheckpointException(cp + " lacks " + stateFile(n));
      }
      Checksums.verify(cp, stateFile(n), sums);
    }
    int number = number(name);
    try {
      removeLeftovers(dir, number);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir, e);
    }
    OutputLog outputs = OutputLog.reopen(dir.resolve(OUTPUTS), codec, m.outputRecords(),
        m.outputBytes(), m.outputSha256(), replay);
    return new CheckpointDir(dir, codec, outputs, m, number + 1);
  }

  /**
   * The manifest of the latest complete checkpoint in {@code dir}, without touching anything.
   *
   * @throws CheckpointException if there is none
   */
  public static CheckpointManifest latestManifest(Path dir) {
    return manifest(dir, latestName(dir));
  }

  private static String latestName(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new CheckpointException(dir + ": no such checkpoint directory");
    }
    String name;
    try {
      // Read as bytes: a damaged pointer must give the message below, not a decoding error.
      name = new String(Files.readAllBytes(dir.resolve(LATEST)), StandardCharsets.ISO_8859_1)
          .strip();
    } catch (NoSuchFileException e) {
      throw new CheckpointException(dir + " holds no complete checkpoint (no " + LATEST
          + " file)");
    } catch (IOException e) {
      throw new CheckpointException("cannot read " + dir.resolve(LATEST) + " (" + reason(e)
          + ")");
    }
    // latest is resolved inside dir: it must name one of its checkpoints, nothing else.
    if (!name.matches(PREFIX + "[0-9]{8}")) {
      throw new CheckpointException(dir.resolve(LATEST) + " is damaged: it should name a"
          + " checkpoint (cp-NNNNNNNN), not '" + name.replaceAll("[^\\x20-\\x7e]", "?") + "'");
    }
    return name;
  }

  /** The manifest of checkpoint {@code name}, checked against its checksum, then parsed. */
  private static CheckpointManifest manifest(Path dir, String name) {
    Path cp = dir.resolve(name);
    Path file = cp.resolve(MANIFEST);
    if (!Files.isDirectory(cp)) {
      throw new CheckpointException(dir + ": " + LATEST + " names " + name
          + ", which is not there");
    }
    Checksums.verify(cp, MANIFEST, Checksums.read(cp));
    try {
      return CheckpointManifest.parse(Files.readString(file, StandardCharsets.UTF_8),
          file.toString());
    } catch (IOException e) {
      throw new CheckpointException(dir + ": " + LATEST + " names " + name
          + ", which is not a complete checkpoint (" + reason(e) + ")");
    }
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? "input/output error" : e.getMessage();
  }

  /** The checkpoint being resumed, or null in a new run. */
  public CheckpointManifest latest() {
    return latest;
  }

  /** The state files of the checkpoint being resumed, in node order. */
  public List<Path> latestStateFiles() {
    List<Path> files = new ArrayList<>();
    Path cp = dir.resolve(name(next - 1));
    for (int n = 0; n < latest.nodes(); n++) {
      files.add(cp.resolve(stateFile(n)));
    }
    return files;
  }

  /** {@code sink}, with every output also appended to the run's output log. */
  public Consumer<OutputRecord> recording(Consumer<OutputRecord> sink) {
    return o -> {
      outputs.append(o);
      sink.accept(o);
    };
  }

  /**
   * Starts writing the next checkpoint.
   *
   * @param nodes how many nodes will stream states into it
   * @param app the application's settings, kept in the manifest
   */
  public CheckpointWriter begin(WorldSpec spec, long lookahead, ResumePoint point, int nodes,
      int entities, Handshake self, Config app) {
    String name = name(next++);
    Path tmp = dir.resolve(name + TMP);
    return new CheckpointWriter(tmp, nodes, stateSums -> {
      outputs.sync();
      return publish(tmp, name, new CheckpointManifest(self.version(), self.wire(), spec,
          lookahead, point, entities, nodes, outputs.records(), outputs.bytes(),
          outputs.sha256(), app), stateSums);
    });
  }

  private CheckpointManifest publish(Path tmp, String name, CheckpointManifest m,
      List<String> stateSums) {
    try {
      Path manifest = tmp.resolve(MANIFEST);
      Files.writeString(manifest, m.render(), StandardCharsets.UTF_8);
      force(manifest);
      Map<String, String> sums = new LinkedHashMap<>();
      sums.put(MANIFEST, Checksums.of(manifest));
      for (int n = 0; n < stateSums.size(); n++) {
        sums.put(stateFile(n), stateSums.get(n));
      }
      force(Checksums.write(tmp, sums));
      force(tmp);
      Path done = dir.resolve(name);
      Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
      force(dir);
      Path pointer = dir.resolve(LATEST + TMP);
      Files.writeString(pointer, name + "\n", StandardCharsets.UTF_8);
      force(pointer);
      Files.move(pointer, dir.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      force(dir);
      prune();
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish checkpoint " + name + " in " + dir, e);
    }
  }

  /** Deletes all but the newest complete checkpoints. */
  private void prune() throws IOException {
    List<Path> complete = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> isCheckpoint(p.getFileName().toString())).sorted().forEach(complete::add);
    }
    for (int i = 0; i < complete.size() - KEEP; i++) {
      deleteTree(complete.get(i));
    }
  }

  /** Deletes half-written checkpoints, and checkpoints newer than {@code keepUpTo} (if >= 0). */
  private static void removeLeftovers(Path dir, int keepUpTo) throws IOException {
    List<Path> doomed = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> {
        String n = p.getFileName().toString();
        if (n.startsWith(PREFIX) && n.endsWith(TMP)
            || keepUpTo >= 0 && isCheckpoint(n) && number(n) > keepUpTo) {
          doomed.add(p);
        }
      });
    }
    for (Path p : doomed) {
      deleteTree(p);
    }
  }

  private static boolean isCheckpoint(String name) {
    return name.startsWith(PREFIX) && !name.endsWith(TMP);
  }

  private static int number(String name) {
    return Integer.parseInt(name.substring(PREFIX.length()));
  }

  private static String name(int number) {
    return String.format("%s%08d", PREFIX, number);
  }

  static String stateFile(int node) {
    return "node-" + node + ".state";
  }

  static void force(Path p) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  @Override
  public void close() {
    outputs.close();
  }
}

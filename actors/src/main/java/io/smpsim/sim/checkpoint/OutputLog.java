package io.smpsim.sim.checkpoint;

import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.serialization.StateCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.function.Consumer;

/**
 * The outputs of a checkpointed run, appended as they arrive: records
 * {@code [int length][Kryo bytes]}. A checkpoint notes how many records (and bytes) precede it;
 * the file only ever grows between resumes, so what a checkpoint counts is never rewritten, and
 * a resume replays those records and cuts off anything after them.
 */
final class OutputLog implements AutoCloseable {

  private final Path file;
  private final StateCodec codec;
  private final FileOutputStream stream;
  private final DataOutputStream out;
  private long records;
  private long bytes;
  /** The SHA-256 of the log so far, which each checkpoint records for the part it counts. */
  private final MessageDigest digest;

  private OutputLog(Path file, StateCodec codec, long records, long bytes, MessageDigest digest)
      throws IOException {
    this.file = file;
    this.codec = codec;
    this.stream = new FileOutputStream(file.toFile(), true);
    this.digest = digest;
    this.out = new DataOutputStream(new DigestOutputStream(
        new BufferedOutputStream(stream, 1 << 16), digest));
    this.records = records;
    this.bytes = bytes;
  }

  /** A new, empty log. */
  static OutputLog create(Path file, StateCodec codec) {
    try {
      Files.write(file, new byte[0]);
      return new OutputLog(file, codec, 0, 0, Checksums.sha256());
    } catch (IOException e) {
      throw new CheckpointException("cannot create " + file + " (" + e.getMessage() + ")");
    }
  }

  /**
   * The SHA-256 of the first {@code bytes} bytes of {@code file}.
   *
   * @throws CheckpointException if the file is shorter, or its checksum is not {@code expected}
   */
  private static MessageDigest verifiedPrefix(Path file, long bytes, String expected) {
    MessageDigest d = Checksums.sha256();
    byte[] buf = new byte[1 << 16];
    long left = bytes;
    try (InputStream in = Files.newInputStream(file)) {
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          throw new CheckpointException(file + " is shorter than the " + bytes + " bytes the"
              + " checkpoint counts: it was cut or damaged");
        }
        d.update(buf, 0, n);
        left -= n;
      }
    } catch (IOException e) {
      throw new CheckpointException("cannot read " + file + " (" + e.getMessage() + ")");
    }
    try {
      if (!Checksums.hex((MessageDigest) d.clone()).equals(expected)) {
        throw Checksums.changed(file);
      }
      return d;
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
    }
  }

  /**
   * Opens an existing log at a checkpoint: hands its first {@code records} records to
   * {@code replay}, cuts the file after them, and appends from there.
   */
  static OutputLog reopen(Path file, StateCodec codec, long records, long bytes,
      String sha256, Consumer<OutputRecord> replay) {
    // Checked before any record is replayed: a damaged record must not reach the user's log.
    MessageDigest digest = verifiedPrefix(file, bytes, sha256);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream data = new DataInputStream(in);
      for (long i = 0; i < records; i++) {
        int length = data.readInt();
        byte[] b = data.readNBytes(length);
        if (b.length < length) {
          throw new EOFException();
        }
        OutputRecord record;
        try {
          record = (OutputRecord) codec.decode(b, (kryo, input) -> kryo.readClassAndObject(input));
        } catch (RuntimeException e) {
          throw new CheckpointException(file + ": output record " + (i + 1) + " cannot be read ("
              + e.getMessage() + ")");
        }
        replay.accept(record);
      }
    } catch (EOFException e) {
      throw new CheckpointException(file + " holds fewer than the " + records
          + " output records the checkpoint counts");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(bytes);
      ch.force(true);
      return new OutputLog(file, codec, records, bytes, digest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reopen " + file, e);
    }
  }

  void append(OutputRecord r) {
    byte[] b = codec.encode((kryo, o) -> kryo.writeClassAndObject(o, r));
    try {
      out.writeInt(b.length);
      out.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    records++;
    bytes += 4 + b.length;
  }

  /** Makes everything appended so far durable. */
  void sync() {
    try {
      out.flush();
      stream.getChannel().force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The SHA-256 of everything appended so far (call after {@link #sync}). */
  String sha256() {
    try {
      return Checksums.hex((MessageDigest) digest.clone());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
    }
  }

  long records() {
    return records;
  }

  long bytes() {
    return bytes;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}

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

  private OutputLog(Path file, StateCodec codec, long records, long bytes) throws IOException {
    this.file = file;
    this.codec = codec;
    this.stream = new FileOutputStream(file.toFile(), true);
    this.out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
    this.records = records;
    this.bytes = bytes;
  }

  /** A new, empty log. */
  static OutputLog create(Path file, StateCodec codec) {
    try {
      Files.write(file, new byte[0]);
      return new OutputLog(file, codec, 0, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
  }

  /**
   * Opens an existing log at a checkpoint: hands its first {@code records} records to
   * {@code replay}, cuts the file after them, and appends from there.
   */
  static OutputLog reopen(Path file, StateCodec codec, long records, long bytes,
      Consumer<OutputRecord> replay) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream data = new DataInputStream(in);
      for (long i = 0; i < records; i++) {
        int length = data.readInt();
        byte[] b = data.readNBytes(length);
        if (b.length < length) {
          throw new EOFException();
        }
        replay.accept((OutputRecord) codec.decode(b, (kryo, input) -> kryo.readClassAndObject(
            input)));
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
      return new OutputLog(file, codec, records, bytes);
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

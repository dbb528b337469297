package io.smpsim.sim.checkpoint;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The byte stream of a checkpoint's entity states: records {@code [int id][int length][state]},
 * big-endian, back to back. The stream travels in chunks cut anywhere, so a state larger than a
 * chunk (or than Artery's frame) still fits; a reader reassembles the records.
 */
public final class StateRecords {

  /** One entity's saved state. */
  public record Entry(int id, byte[] state) {}

  private byte[] buf = new byte[0];
  private int start;
  private int end;

  private StateRecords() {}

  /** A reader of a stream that arrives in chunks. */
  public static StateRecords reader() {
    return new StateRecords();
  }

  /** Appends one record to {@code out}. */
  public static void write(ByteArrayOutputStream out, int id, byte[] state) {
    writeInt(out, id);
    writeInt(out, state.length);
    out.write(state, 0, state.length);
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private int readInt(int at) {
    return (buf[at] & 0xff) << 24 | (buf[at + 1] & 0xff) << 16 | (buf[at + 2] & 0xff) << 8
        | (buf[at + 3] & 0xff);
  }

  /** Takes the next chunk of the stream and returns the records it completes. */
  public List<Entry> feed(byte[] chunk) {
    append(chunk);
    List<Entry> out = new ArrayList<>();
    while (end - start >= 8) {
      int id = readInt(start);
      int length = readInt(start + 4);
      if (length < 0) {
        throw new IllegalStateException("corrupt checkpoint stream: the record of entity " + id
            + " has length " + length);
      }
      if (end - start - 8 < length) {
        break;
      }
      out.add(new Entry(id, Arrays.copyOfRange(buf, start + 8, start + 8 + length)));
      start += 8 + length;
    }
    return out;
  }

  private void append(byte[] chunk) {
    if (buf.length - end < chunk.length) {
      // Drop what was consumed, and grow geometrically so a huge record costs linear time.
      int live = end - start;
      byte[] b = new byte[Math.max(live + chunk.length, 2 * live)];
      System.arraycopy(buf, start, b, 0, live);
      buf = b;
      start = 0;
      end = live;
    }
    System.arraycopy(chunk, 0, buf, end, chunk.length);
    end += chunk.length;
  }

  /** Whether a partial record is left over (at the end of a stream: it was cut short). */
  public boolean hasPartialRecord() {
    return end > start;
  }
}

package io.smpsim.sim.engine;

import io.smpsim.sim.OutputRecord;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where the entities stepped in one window leave their answers for their node scheduler: each
 * writes its own slot and then its slot's number into the list of finished slots. Every
 * {@link #NUDGE}th finisher tells the scheduler that answers are waiting
 * ({@link NodeScheduler.AnswersReady}), so it takes them in while the other entities still run,
 * and the last one tells it the window is answered ({@link NodeScheduler.WindowDone}). A busy
 * window steps every entity of the node, and one answer message per entity made the
 * scheduler's mailbox the run's bottleneck: ten thousand entities cost ten thousand enqueues and
 * dispatches on one thread per window.
 *
 * <p>The scheduler and its entities always share a JVM (it creates them). A finished slot is
 * published by a volatile write after the slot's fields, so the scheduler, reading the list in
 * order, sees a slot's answer once it sees its number; the count of published slots tells the
 * last finisher who it is. One tally serves a node's windows in turn: the scheduler opens it for
 * the next window only after the last one's answers are read.
 */
final class WindowTally {

  private final long runId;
  private final ActorRef<NodeScheduler.Command> scheduler;
  /** Finished answers between two nudges to the scheduler. */
  static final int NUDGE = 512;

  /** Claims a place in {@link #finished}. */
  private final AtomicInteger claimed = new AtomicInteger();
  /** Counts the places written. */
  private final AtomicInteger published = new AtomicInteger();
  /** Slot number + 1 of the answers in the order they finished; 0 for a place not written yet. */
  private AtomicIntegerArray finished = new AtomicIntegerArray(0);
  /** How many places of {@link #finished} the scheduler has read. */
  private int read;
  private int[] locals = new int[0];
  private Outbox[] outboxes = new Outbox[0];
  private long[] nextTimes = new long[0];
  private long[] hashes = new long[0];
  private int[] processed = new int[0];
  private List<OutputRecord>[] outputs = newOutputs(0);
  private int size;

  WindowTally(long runId, ActorRef<NodeScheduler.Command> scheduler) {
    this.runId = runId;
    this.scheduler = scheduler;
  }

  @SuppressWarnings("unchecked")
  private static List<OutputRecord>[] newOutputs(int n) {
    return new List[n];
  }

  /** Makes room for {@code n} answers; the window's steps are sent after this. */
  void open(int n) {
    if (locals.length < n) {
      int c = Math.max(n, locals.length * 2);
      locals = new int[c];
      outboxes = new Outbox[c];
      nextTimes = new long[c];
      hashes = new long[c];
      processed = new int[c];
      outputs = newOutputs(c);
      finished = new AtomicIntegerArray(c);
    }
    size = n;
    read = 0;
    claimed.set(0);
    published.set(0);
  }

  /** The answer of the entity stepped in {@code slot}; called on that entity's thread. */
  void answer(int slot, int local, Outbox out, long nextTime, long hash, int count,
      List<OutputRecord> outs) {
    // Read before publishing: once this answer is counted, the window may end and the next one
    // reopen the tally with another size, and a count compared with that size could end the
    // next window for nothing.
    int total = size;
    locals[slot] = local;
    outboxes[slot] = out;
    nextTimes[slot] = nextTime;
    hashes[slot] = hash;
    processed[slot] = count;
    outputs[slot] = outs;
    int place = claimed.getAndIncrement();
    finished.set(place, slot + 1);
    if (published.incrementAndGet() == total) {
      scheduler.tell(new NodeScheduler.WindowDone(runId));
    } else if ((place + 1) % NUDGE == 0) {
      scheduler.tell(new NodeScheduler.AnswersReady(runId));
    }
  }

  /**
   * The slot of the next finished answer not read yet, or -1 when the next one is not published
   * yet (or all are read).
   */
  int nextFinished() {
    if (read >= size) {
      return -1;
    }
    int s = finished.get(read);
    if (s == 0) {
      return -1;
    }
    read++;
    return s - 1;
  }

  int size() {
    return size;
  }

  /** Whether every answer of the window has been read. */
  boolean allRead() {
    return read == size;
  }

  int local(int slot) {
    return locals[slot];
  }

  Outbox outbox(int slot) {
    return outboxes[slot];
  }

  long nextTime(int slot) {
    return nextTimes[slot];
  }

  long hash(int slot) {
    return hashes[slot];
  }

  int processed(int slot) {
    return processed[slot];
  }

  List<OutputRecord> outputs(int slot) {
    return outputs[slot];
  }

  /** Drops the answers read, so outboxes and outputs are not kept alive. */
  void clear() {
    Arrays.fill(outboxes, 0, size, null);
    Arrays.fill(outputs, 0, size, null);
    for (int i = 0; i < size; i++) {
      finished.lazySet(i, 0);
    }
    // A nudge sent before the window's last answers can arrive after this: it finds nothing.
    size = 0;
    read = 0;
  }
}

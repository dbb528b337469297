package io.smpsim.sim.engine;

import io.smpsim.sim.Event;
import io.smpsim.sim.EventQueue;
import io.smpsim.sim.SimMessage;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinTask;

/**
 * Sorts a window's events for a node's local entities by destination, so each entity gets its
 * mail as one contiguous slice of arrays. A counting sort over two sequential passes replaces
 * appending every event to a per-entity list, which thrashes caches on large worlds. Only the
 * entities that got mail are touched, so sparse windows stay cheap on huge worlds.
 *
 * <p>Events are kept as keys and payloads in parallel arrays, never as {@link Event} objects:
 * the scheduler reads them from the senders' {@link Outbox}es and the receivers read them from
 * here, each in sequence.
 *
 * <p>Two sets of arrays alternate: the slices handed out for one window stay untouched while the
 * next window's mail is sorted into the other set.
 */
final class Mailroom {

  /** Mail for more than 1/DENSE of the entities is laid out in entity order. */
  static final int DENSE = 8;

  /** Queued events from which the scatter is split between two threads. */
  static final int PARALLEL_SCATTER = 16_384;

  /**
   * One set of sorted mail: the arrays a window's {@link EntityActor.Step}s refer to. An event's
   * time and order word (see {@link EventQueue#order}) sit side by side, as in the queue the
   * receiver puts them in.
   */
  static final class Sorted {
    /** Slot i's time is {@code keys[2i]}, its order word {@code keys[2i + 1]}. */
    long[] keys;
    SimMessage[] payloads;
    /** How many payload slots may still hold references (the last sort into this set). */
    int filled;

    Sorted(int capacity) {
      keys = new long[2 * capacity];
      payloads = new SimMessage[capacity];
    }

    int capacity() {
      return payloads.length;
    }

    long time(int i) {
      return keys[2 * i];
    }

    long order(int i) {
      return keys[2 * i + 1];
    }

    void put(int i, long time, long order, SimMessage payload) {
      keys[2 * i] = time;
      keys[2 * i + 1] = order;
      payloads[i] = payload;
    }

    /** Slot {@code i} as an event for entity {@code dst}. */
    Event event(int i, int dst) {
      long o = order(i);
      return new Event(time(i), EventQueue.srcOf(o), EventQueue.seqOf(o), dst, payloads[i]);
    }
  }

  /** Per local entity: the length of its slice of the sorted mail. */
  private final int[] count;
  /** Per local entity: where its slice of the sorted mail starts. */
  private final int[] start;
  /** Per local entity: how many queued events it has for the next sort. */
  private final int[] queued;
  /** Global entity id to local index, or -1 for another node's entity. */
  private final int[] localIndex;
  private int[] incomingLocal = new int[1024];
  private long[] incomingTime = new long[1024];
  private long[] incomingOrder = new long[1024];
  private SimMessage[] incomingPayload = new SimMessage[1024];
  private int incomingCount;
  /** Outboxes whose local events are queued, read in place by the next sort. */
  private Outbox[] outboxes = new Outbox[64];
  private int outboxCount;
  private int queuedEvents;
  private long queuedMin = Long.MAX_VALUE;
  /** The local entities with queued events, in the order they got their first. */
  private int[] queuedFor = new int[64];
  private int queuedForCount;
  private Sorted mail = new Sorted(1024);
  private Sorted spare = new Sorted(1024);
  private int[] withMail = new int[64];
  private int withMailCount;
  private int mailSize;
  private long mailMin = Long.MAX_VALUE;
  /** Whether the current mail has been handed out in Steps (and must not be handed out again). */
  private boolean handedOut = true;

  /**
   * @param localIndex for every entity of the world, its index among the node's entities, or
   *     -1 when another node hosts it
   * @param locals number of local entities
   */
  Mailroom(int[] localIndex, int locals) {
    this.localIndex = localIndex;
    this.count = new int[locals];
    this.start = new int[locals];
    this.queued = new int[locals];
  }

  /** Queues an event for a local entity; it is sorted in by the next {@link #sort()}. */
  void add(Event e, int local) {
    add(local, e.time(), e.src(), e.seq(), e.payload());
  }

  /** Queues the event {@code (time, src, seq)} for local entity {@code local}. */
  void add(int local, long time, int src, long seq, SimMessage payload) {
    add(local, time, EventQueue.order(src, seq), payload);
  }

  private void add(int local, long time, long order, SimMessage payload) {
    if (incomingCount == incomingLocal.length) {
      int c = incomingCount * 2;
      incomingLocal = Arrays.copyOf(incomingLocal, c);
      incomingTime = Arrays.copyOf(incomingTime, c);
      incomingOrder = Arrays.copyOf(incomingOrder, c);
      incomingPayload = Arrays.copyOf(incomingPayload, c);
    }
    int i = incomingCount++;
    incomingLocal[i] = local;
    incomingTime[i] = time;
    incomingOrder[i] = order;
    incomingPayload[i] = payload;
    queue(local, time);
  }

  /**
   * Queues the events of {@code out} meant for local entities, without copying them: the next
   * {@link #sort()} reads them where they are, so the outbox must stay untouched until then (its
   * entity gets no step before). Counting them now, as each entity answers, leaves the sort only
   * the scatter.
   *
   * @return how many of its events are for other nodes' entities (the caller routes those)
   */
  int addOutbox(Outbox out) {
    int remote = 0;
    int local = 0;
    for (int i = 0, n = out.size(); i < n; i++) {
      int e = localIndex[out.dst(i)];
      if (e < 0) {
        remote++;
      } else {
        queue(e, out.time(i));
        local++;
      }
    }
    if (local > 0) {
      if (outboxCount == outboxes.length) {
        outboxes = Arrays.copyOf(outboxes, outboxCount * 2);
      }
      outboxes[outboxCount++] = out;
    }
    return remote;
  }

  private void queue(int local, long time) {
    if (queued[local]++ == 0) {
      if (queuedForCount == queuedFor.length) {
        queuedFor = Arrays.copyOf(queuedFor, queuedForCount * 2);
      }
      queuedFor[queuedForCount++] = local;
    }
    queuedEvents++;
    if (time < queuedMin) {
      queuedMin = time;
    }
  }

  /** Queues back the sorted mail not yet handed out, so a re-sort keeps it. */
  void requeueMail() {
    if (handedOut) {
      return;
    }
    Sorted m = mail;
    for (int i = 0; i < withMailCount; i++) {
      int e = withMail[i];
      for (int j = start[e], end = start[e] + count[e]; j < end; j++) {
        add(e, m.time(j), m.order(j), m.payloads[j]);
      }
    }
  }

  /** Sorts the queued events into per-entity slices, replacing the previous mail. */
  void sort() {
    for (int i = 0; i < withMailCount; i++) {
      count[withMail[i]] = 0;
    }
    // The entities with queued events become those with mail; their slices are laid out in
    // that order.
    int[] w = withMail;
    withMail = queuedFor;
    withMailCount = queuedForCount;
    queuedFor = w;
    queuedForCount = 0;
    if (withMailCount > count.length / DENSE) {
      // Most entities have mail: lay their slices out in entity order, the order the scheduler
      // then steps them in, so the steps read the mail forward.
      for (int e = 0, k = 0; k < withMailCount; e++) {
        if (queued[e] > 0) {
          withMail[k++] = e;
        }
      }
    }
    int pos = 0;
    for (int i = 0; i < withMailCount; i++) {
      int e = withMail[i];
      start[e] = pos;
      count[e] = queued[e];
      pos += queued[e];
    }
    if (spare.capacity() < queuedEvents) {
      spare = new Sorted(Math.max(queuedEvents, spare.capacity() * 2));
    }
    // The scatter counts each entity's queued events down to zero, ready for the next window.
    // A big window's is split between two threads by receiver: the other cores have nothing to
    // do until the next window starts, and each half writes the same places the whole would.
    Sorted s = spare;
    int locals = count.length;
    if (queuedEvents >= PARALLEL_SCATTER && ForkJoinTask.inForkJoinPool()) {
      int mid = locals / 2;
      ForkJoinTask<?> upper = ForkJoinTask.adapt(() -> scatter(s, mid, locals)).fork();
      scatter(s, 0, mid);
      upper.join();
    } else {
      scatter(s, 0, locals);
    }
    Arrays.fill(incomingPayload, 0, incomingCount, null);
    Arrays.fill(outboxes, 0, outboxCount, null);
    // Payloads left over from this set's previous use, beyond what was just written, are
    // dropped; the rest were overwritten. (The replaced mail keeps its references until its set
    // is sorted into again, one window later: clearing it all now would cost a pass per window.)
    if (s.filled > pos) {
      Arrays.fill(s.payloads, pos, s.filled, null);
    }
    s.filled = pos;
    Sorted t = mail;
    mail = spare;
    spare = t;
    mailSize = pos;
    mailMin = queuedMin;
    incomingCount = 0;
    outboxCount = 0;
    queuedEvents = 0;
    queuedMin = Long.MAX_VALUE;
    handedOut = false;
  }

  /**
   * Writes the queued events for local entities {@code [lo, hi)} into their slices of {@code s},
   * counting their {@link #queued} down to zero.
   */
  private void scatter(Sorted s, int lo, int hi) {
    for (int i = 0; i < incomingCount; i++) {
      int e = incomingLocal[i];
      if (e >= lo && e < hi) {
        s.put(start[e] + --queued[e], incomingTime[i], incomingOrder[i], incomingPayload[i]);
      }
    }
    for (int o = 0; o < outboxCount; o++) {
      Outbox out = outboxes[o];
      int src = out.src();
      for (int i = 0, n = out.size(); i < n; i++) {
        int e = localIndex[out.dst(i)];
        if (e >= lo && e < hi) {
          s.put(start[e] + --queued[e], out.time(i), EventQueue.order(src, out.seq(i)),
              out.payload(i));
        }
      }
    }
  }

  /** Number of local entities with mail not yet handed out. */
  int entitiesWithMail() {
    return handedOut ? 0 : withMailCount;
  }

  /** The local index of the {@code i}-th entity with mail. */
  int entityWithMail(int i) {
    return withMail[i];
  }

  /** The sorted mail the slices refer to. */
  Sorted mail() {
    return mail;
  }

  /**
   * Per local entity, where its slice of the current mail starts (read while the mail is out,
   * rewritten by the next sort).
   */
  int[] starts() {
    return start;
  }

  /** Per local entity, its slice's length: 0 for every entity without mail in the current sort. */
  int[] counts() {
    return count;
  }

  /** The mail of local entity {@code e} (entity {@code id}) not yet handed out, for a checkpoint. */
  List<Event> mailOf(int e, int id) {
    if (handedOut || count[e] == 0) {
      return List.of();
    }
    Sorted m = mail;
    Event[] events = new Event[count[e]];
    for (int i = 0; i < events.length; i++) {
      events[i] = m.event(start[e] + i, id);
    }
    return List.of(events);
  }

  /** The earliest time in the mail, or {@link Long#MAX_VALUE}. */
  long mailMin() {
    return handedOut || withMailCount == 0 ? Long.MAX_VALUE : mailMin;
  }

  /** The mail has been handed out in Steps. */
  void handedOut() {
    handedOut = true;
  }
}

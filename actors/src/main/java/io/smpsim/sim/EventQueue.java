package io.smpsim.sim;

import java.util.Arrays;

/**
 * The pending events of one entity, in {@code (time, src, seq)} order. Every event's key and
 * payload are kept in primitive arrays beside each other, and no {@link Event} object is made on
 * the engine's path: the events of a window arrive as keys and payloads (see
 * {@code EntityActor.Step}), so queueing and ordering them reads contiguous arrays instead of an
 * event object per event written by another thread, which on large worlds cost a cache miss
 * per event.
 *
 * <p>Two parts: a binary min-heap of the events before the current {@link #due horizon} (the end
 * of the window being handled), and an unordered list of the later ones. Most of what an entity
 * sends itself or receives lands after the window, where nothing needs ordering yet; each window
 * first moves the events it is due into the heap in one pass, so the heap stays as small as the
 * window's own share of events. Both parts share one set of arrays, the heap growing from the
 * start and the later list from the end, so an entity's queue costs no more memory than one
 * heap would.
 */
public final class EventQueue {

  private final int owner;
  /** The heap is {@code [0, size)}; the later list is {@code [capacity - laterSize, capacity)}. */
  private long[] times;
  private int[] srcs;
  private long[] seqs;
  private SimMessage[] payloads;
  private int size;
  /** Events at or after the horizon when they were queued, in no order. */
  private int laterSize;
  private long laterMin = Long.MAX_VALUE;
  private long horizon = Long.MIN_VALUE;
  private long takenTime;
  private int takenSrc;
  private long takenSeq;
  private SimMessage takenPayload;

  /**
   * @param owner the entity whose events these are (the {@link Event#dst()} of every event)
   */
  public EventQueue(int owner, int capacity) {
    this.owner = owner;
    int c = Math.max(4, capacity);
    times = new long[c];
    srcs = new int[c];
    seqs = new long[c];
    payloads = new SimMessage[c];
  }

  public int size() {
    return size + laterSize;
  }

  public boolean isEmpty() {
    return size + laterSize == 0;
  }

  /**
   * Events before {@code horizon} are about to be handled: they are ordered from now on, and
   * events queued later below it too. Windows only move forward, so the horizon only grows.
   */
  public void due(long horizon) {
    if (horizon > this.horizon) {
      this.horizon = horizon;
    }
    if (laterMin < this.horizon) {
      moveUpTo(this.horizon - 1);
    }
  }

  /** The earliest event's time, or {@link Long#MAX_VALUE} when empty. */
  public long peekTime() {
    settle();
    return size == 0 ? Long.MAX_VALUE : times[0];
  }

  /** The earliest event's source (the queue must not be empty). */
  public int peekSrc() {
    settle();
    return srcs[0];
  }

  /** The earliest event's sequence number (the queue must not be empty). */
  public long peekSeq() {
    settle();
    return seqs[0];
  }

  /** The earliest event's payload (the queue must not be empty). */
  public SimMessage peekPayload() {
    settle();
    return payloads[0];
  }

  /**
   * Makes the heap's top the earliest event overall: when the later list holds an event no later
   * than the top (or the heap is empty), the later events up to that time join the heap.
   */
  private void settle() {
    if (laterSize > 0 && (size == 0 || laterMin <= times[0])) {
      moveUpTo(size == 0 ? laterMin : times[0]);
    }
  }

  /** Moves every later event at or before {@code last} into the heap. */
  private void moveUpTo(long last) {
    int cap = times.length;
    long min = Long.MAX_VALUE;
    for (int i = cap - laterSize; i < cap; i++) {
      long t = times[i];
      if (t > last) {
        if (t < min) {
          min = t;
        }
        continue;
      }
      int s = srcs[i];
      long q = seqs[i];
      SimMessage p = payloads[i];
      // Free the list's lowest slot: its entry (already looked at and kept) fills slot i. The
      // heap, at most as long as that slot's index, may then grow into it.
      int low = cap - laterSize;
      if (i != low) {
        move(i, low);
      }
      payloads[low] = null;
      laterSize--;
      heapAdd(t, s, q, p);
    }
    laterMin = min;
  }

  private boolean less(long t, int s, long q, int j) {
    long tj = times[j];
    if (t != tj) {
      return t < tj;
    }
    int sj = srcs[j];
    if (s != sj) {
      return s < sj;
    }
    return q < seqs[j];
  }

  private void put(int i, long t, int s, long q, SimMessage p) {
    times[i] = t;
    srcs[i] = s;
    seqs[i] = q;
    payloads[i] = p;
  }

  private void move(int to, int from) {
    times[to] = times[from];
    srcs[to] = srcs[from];
    seqs[to] = seqs[from];
    payloads[to] = payloads[from];
  }

  public void add(Event e) {
    add(e.time(), e.src(), e.seq(), e.payload());
  }

  /** Queues the event {@code (time, src, seq)} carrying {@code payload}. */
  public void add(long time, int src, long seq, SimMessage payload) {
    if (time < horizon) {
      heapAdd(time, src, seq, payload);
      return;
    }
    ensureRoom();
    laterSize++;
    put(times.length - laterSize, time, src, seq, payload);
    if (time < laterMin) {
      laterMin = time;
    }
  }

  /** Doubles the arrays when full, keeping the heap at the start and the later list at the end. */
  private void ensureRoom() {
    int cap = times.length;
    if (size + laterSize < cap) {
      return;
    }
    int c = cap * 2;
    long[] t = new long[c];
    int[] s = new int[c];
    long[] q = new long[c];
    SimMessage[] p = new SimMessage[c];
    System.arraycopy(times, 0, t, 0, size);
    System.arraycopy(srcs, 0, s, 0, size);
    System.arraycopy(seqs, 0, q, 0, size);
    System.arraycopy(payloads, 0, p, 0, size);
    System.arraycopy(times, cap - laterSize, t, c - laterSize, laterSize);
    System.arraycopy(srcs, cap - laterSize, s, c - laterSize, laterSize);
    System.arraycopy(seqs, cap - laterSize, q, c - laterSize, laterSize);
    System.arraycopy(payloads, cap - laterSize, p, c - laterSize, laterSize);
    times = t;
    srcs = s;
    seqs = q;
    payloads = p;
  }

  private void heapAdd(long time, int src, long seq, SimMessage payload) {
    ensureRoom();
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(time, src, seq, parent)) {
        break;
      }
      move(i, parent);
      i = parent;
    }
    put(i, time, src, seq, payload);
  }

  /**
   * Takes the earliest event if it comes before {@code end}: it is removed and its key and
   * payload are then read with {@link #takenTime()} and its siblings. One ordering step per
   * event instead of one per peek, on the path every event of a step takes.
   *
   * @return whether an event was taken
   */
  public boolean takeBefore(long end) {
    settle();
    if (size == 0 || times[0] >= end) {
      return false;
    }
    takenTime = times[0];
    takenSrc = srcs[0];
    takenSeq = seqs[0];
    takenPayload = payloads[0];
    removeAt(0);
    return true;
  }

  /** The time of the event the last {@link #takeBefore} took. */
  public long takenTime() {
    return takenTime;
  }

  /** The source of the event the last {@link #takeBefore} took. */
  public int takenSrc() {
    return takenSrc;
  }

  /** The sequence number of the event the last {@link #takeBefore} took. */
  public long takenSeq() {
    return takenSeq;
  }

  /** The payload of the event the last {@link #takeBefore} took (held until the next take). */
  public SimMessage takenPayload() {
    return takenPayload;
  }

  /** Removes the earliest event (the queue must not be empty). */
  public void removeFirst() {
    settle();
    removeAt(0);
  }

  /** Removes and returns the earliest event, or null when empty. */
  public Event poll() {
    if (isEmpty()) {
      return null;
    }
    settle();
    Event top = new Event(times[0], srcs[0], seqs[0], owner, payloads[0]);
    removeAt(0);
    return top;
  }

  /** The queued events, in no particular order (checkpoints re-queue them). */
  public Event[] toArray() {
    Event[] a = new Event[size + laterSize];
    int n = 0;
    for (int i = 0; i < size; i++) {
      a[n++] = new Event(times[i], srcs[i], seqs[i], owner, payloads[i]);
    }
    for (int i = times.length - laterSize; i < times.length; i++) {
      a[n++] = new Event(times[i], srcs[i], seqs[i], owner, payloads[i]);
    }
    return a;
  }

  /** Removes every event. */
  public void clear() {
    Arrays.fill(payloads, null);
    size = 0;
    laterSize = 0;
    laterMin = Long.MAX_VALUE;
  }

  /**
   * Removes the event sent by {@code src} with sequence number {@code seq}, if it is still
   * queued. Linear in the queue size: meant for an entity's few pending timers.
   *
   * @return whether an event was removed
   */
  public boolean remove(int src, long seq) {
    for (int i = 0; i < size; i++) {
      if (seqs[i] == seq && srcs[i] == src) {
        removeAt(i);
        return true;
      }
    }
    int cap = times.length;
    for (int i = cap - laterSize; i < cap; i++) {
      if (seqs[i] == seq && srcs[i] == src) {
        long t = times[i];
        int low = cap - laterSize;
        if (i != low) {
          move(i, low);
        }
        payloads[low] = null;
        laterSize--;
        if (t == laterMin) {
          long min = Long.MAX_VALUE;
          for (int j = cap - laterSize; j < cap; j++) {
            min = Math.min(min, times[j]);
          }
          laterMin = min;
        }
        return true;
      }
    }
    return false;
  }

  private void removeAt(int i) {
    int last = --size;
    long t = times[last];
    int s = srcs[last];
    long q = seqs[last];
    SimMessage p = payloads[last];
    payloads[last] = null;
    if (i == last) {
      return;
    }
    // Put the last element in the hole, then restore the heap in whichever direction it violates.
    int hole = i;
    while (hole > 0) {
      int parent = (hole - 1) >>> 1;
      if (!less(t, s, q, parent)) {
        break;
      }
      move(hole, parent);
      hole = parent;
    }
    if (hole != i) {
      put(hole, t, s, q, p);
      return;
    }
    int half = size >>> 1;
    while (hole < half) {
      int child = 2 * hole + 1;
      int right = child + 1;
      if (right < size && less(times[right], srcs[right], seqs[right], child)) {
        child = right;
      }
      if (!lessAt(child, t, s, q)) {
        break;
      }
      move(hole, child);
      hole = child;
    }
    put(hole, t, s, q, p);
  }

  /** Whether the entry at {@code j} orders before {@code (t, s, q)}. */
  private boolean lessAt(int j, long t, int s, long q) {
    long tj = times[j];
    if (tj != t) {
      return tj < t;
    }
    int sj = srcs[j];
    if (sj != s) {
      return sj < s;
    }
    return seqs[j] < q;
  }
}

package io.smpsim.sim;

import java.util.Arrays;

/**
 * A binary min-heap of events in {@code (time, src, seq)} order. The keys are kept in primitive
 * arrays beside the events, so sifting compares contiguous longs and ints instead of chasing a
 * pointer to every event: on large worlds that is the difference between cache hits and misses.
 */
public final class EventQueue {

  private long[] times;
  private int[] srcs;
  private long[] seqs;
  private Event[] events;
  private int size;

  public EventQueue() {
    this(16);
  }

  public EventQueue(int capacity) {
    int c = Math.max(4, capacity);
    times = new long[c];
    srcs = new int[c];
    seqs = new long[c];
    events = new Event[c];
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The earliest event's time, or {@link Long#MAX_VALUE} when empty. */
  public long peekTime() {
    return size == 0 ? Long.MAX_VALUE : times[0];
  }

  public Event peek() {
    return size == 0 ? null : events[0];
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

  private void put(int i, long t, int s, long q, Event e) {
    times[i] = t;
    srcs[i] = s;
    seqs[i] = q;
    events[i] = e;
  }

  private void move(int to, int from) {
    times[to] = times[from];
    srcs[to] = srcs[from];
    seqs[to] = seqs[from];
    events[to] = events[from];
  }

  public void add(Event e) {
    if (size == events.length) {
      int c = size * 2;
      times = Arrays.copyOf(times, c);
      srcs = Arrays.copyOf(srcs, c);
      seqs = Arrays.copyOf(seqs, c);
      events = Arrays.copyOf(events, c);
    }
    long t = e.time();
    int s = e.src();
    long q = e.seq();
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(t, s, q, parent)) {
        break;
      }
      move(i, parent);
      i = parent;
    }
    put(i, t, s, q, e);
  }

  /** Removes and returns the earliest event, or null when empty. */
  public Event poll() {
    if (size == 0) {
      return null;
    }
    Event top = events[0];
    removeAt(0);
    return top;
  }

  /** The queued events, in no particular order (checkpoints re-queue them). */
  public Event[] toArray() {
    return Arrays.copyOf(events, size);
  }

  /** Removes every event. */
  public void clear() {
    Arrays.fill(events, 0, size, null);
    size = 0;
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
    return false;
  }

  private void removeAt(int i) {
    int last = --size;
    long t = times[last];
    int s = srcs[last];
    long q = seqs[last];
    Event e = events[last];
    events[last] = null;
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
      put(hole, t, s, q, e);
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
    put(hole, t, s, q, e);
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

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
 *
 * <p>An event's key is two longs side by side in one array: its time, and its source and
 * sequence number packed into one order word. Comparing and moving an event then reads one
 * place instead of three arrays, which on a busy window is most of what a step costs: every
 * step finds its entity's queue cold in the cache.
 */
public final class EventQueue {

  /** Bits of the order word that hold the sequence number; the source (plus one) is above. */
  static final int SEQ_BITS = 37;
  /** The largest sequence number a queued event may carry. */
  public static final long MAX_SEQ = (1L << SEQ_BITS) - 1;
  /** The largest source entity a queued event may come from. */
  public static final int MAX_SRC = (1 << (63 - SEQ_BITS)) - 2;

  private final int owner;
  /** Slot i's time is {@code keys[2i]}, its order word {@code keys[2i + 1]}. */
  private long[] keys;
  private SimMessage[] payloads;
  /** The heap is slots {@code [0, size)}; the later list is {@code [capacity - laterSize, capacity)}. */
  private int size;
  /** Events at or after the horizon when they were queued, in no order. */
  private int laterSize;
  private long laterMin = Long.MAX_VALUE;
  private long horizon = Long.MIN_VALUE;
  private long takenTime;
  private long takenOrder;
  private SimMessage takenPayload;

  /**
   * @param owner the entity whose events these are (the {@link Event#dst()} of every event)
   */
  public EventQueue(int owner, int capacity) {
    this.owner = owner;
    int c = Math.max(4, capacity);
    keys = new long[2 * c];
    payloads = new SimMessage[c];
  }

  /**
   * The order word of {@code (src, seq)}: comparing two words orders by source, then sequence
   * number, as comparing the pairs would.
   */
  public static long order(int src, long seq) {
    if (src < Event.ENVIRONMENT || src > MAX_SRC || seq < 0 || seq > MAX_SEQ) {
      throw beyondOrder(src, seq);
    }
    return ((long) (src + 1) << SEQ_BITS) | seq;
  }

  /** Built out of line, so that {@link #order} stays small enough to inline everywhere. */
  private static IllegalStateException beyondOrder(int src, long seq) {
    return new IllegalStateException("event from " + src + " with sequence number " + seq
        + " is beyond what an event queue orders (sources up to " + MAX_SRC
        + ", sequence numbers up to " + MAX_SEQ + ")");
  }

  /** The source an order word was made of. */
  public static int srcOf(long order) {
    return (int) (order >>> SEQ_BITS) - 1;
  }

  /** The sequence number an order word was made of. */
  public static long seqOf(long order) {
    return order & MAX_SEQ;
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
    return size == 0 ? Long.MAX_VALUE : keys[0];
  }

  /** The earliest event's source (the queue must not be empty). */
  public int peekSrc() {
    settle();
    return srcOf(keys[1]);
  }

  /** The earliest event's sequence number (the queue must not be empty). */
  public long peekSeq() {
    settle();
    return seqOf(keys[1]);
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
    if (laterSize > 0 && (size == 0 || laterMin <= keys[0])) {
      moveUpTo(size == 0 ? laterMin : keys[0]);
    }
  }

  /** Moves every later event at or before {@code last} into the heap. */
  private void moveUpTo(long last) {
    int cap = payloads.length;
    long min = Long.MAX_VALUE;
    for (int i = cap - laterSize; i < cap; i++) {
      long t = keys[2 * i];
      if (t > last) {
        if (t < min) {
          min = t;
        }
        continue;
      }
      long o = keys[2 * i + 1];
      SimMessage p = payloads[i];
      // Free the list's lowest slot: its entry (already looked at and kept) fills slot i. The
      // heap, at most as long as that slot's index, may then grow into it.
      int low = cap - laterSize;
      if (i != low) {
        move(i, low);
      }
      payloads[low] = null;
      laterSize--;
      heapAdd(t, o, p);
    }
    laterMin = min;
  }

  /** Whether {@code (t, o)} orders before the entry at {@code j}. */
  private boolean less(long t, long o, int j) {
    long tj = keys[2 * j];
    if (t != tj) {
      return t < tj;
    }
    return o < keys[2 * j + 1];
  }

  private void put(int i, long t, long o, SimMessage p) {
    keys[2 * i] = t;
    keys[2 * i + 1] = o;
    payloads[i] = p;
  }

  private void move(int to, int from) {
    keys[2 * to] = keys[2 * from];
    keys[2 * to + 1] = keys[2 * from + 1];
    payloads[to] = payloads[from];
  }

  public void add(Event e) {
    add(e.time(), e.src(), e.seq(), e.payload());
  }

  /** Queues the event {@code (time, src, seq)} carrying {@code payload}. */
  public void add(long time, int src, long seq, SimMessage payload) {
    add(time, order(src, seq), payload);
  }

  /** Queues the event of time {@code time} and order word {@code o} (see {@link #order}). */
  public void add(long time, long o, SimMessage payload) {
    if (time < horizon) {
      heapAdd(time, o, payload);
      return;
    }
    ensureRoom();
    laterSize++;
    put(payloads.length - laterSize, time, o, payload);
    if (time < laterMin) {
      laterMin = time;
    }
  }

  /** Doubles the arrays when full, keeping the heap at the start and the later list at the end. */
  private void ensureRoom() {
    int cap = payloads.length;
    if (size + laterSize < cap) {
      return;
    }
    int c = cap * 2;
    long[] k = new long[2 * c];
    SimMessage[] p = new SimMessage[c];
    System.arraycopy(keys, 0, k, 0, 2 * size);
    System.arraycopy(payloads, 0, p, 0, size);
    System.arraycopy(keys, 2 * (cap - laterSize), k, 2 * (c - laterSize), 2 * laterSize);
    System.arraycopy(payloads, cap - laterSize, p, c - laterSize, laterSize);
    keys = k;
    payloads = p;
  }

  private void heapAdd(long time, long o, SimMessage payload) {
    ensureRoom();
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(time, o, parent)) {
        break;
      }
      move(i, parent);
      i = parent;
    }
    put(i, time, o, payload);
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
    if (size == 0 || keys[0] >= end) {
      return false;
    }
    takenTime = keys[0];
    takenOrder = keys[1];
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
    return srcOf(takenOrder);
  }

  /** The sequence number of the event the last {@link #takeBefore} took. */
  public long takenSeq() {
    return seqOf(takenOrder);
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
    Event top = eventAt(0);
    removeAt(0);
    return top;
  }

  private Event eventAt(int i) {
    long o = keys[2 * i + 1];
    return new Event(keys[2 * i], srcOf(o), seqOf(o), owner, payloads[i]);
  }

  /** The queued events, in no particular order (checkpoints re-queue them). */
  public Event[] toArray() {
    Event[] a = new Event[size + laterSize];
    int n = 0;
    for (int i = 0; i < size; i++) {
      a[n++] = eventAt(i);
    }
    for (int i = payloads.length - laterSize; i < payloads.length; i++) {
      a[n++] = eventAt(i);
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
    if (src < Event.ENVIRONMENT || src > MAX_SRC || seq < 0 || seq > MAX_SEQ) {
      return false;
    }
    long o = order(src, seq);
    for (int i = 0; i < size; i++) {
      if (keys[2 * i + 1] == o) {
        removeAt(i);
        return true;
      }
    }
    int cap = payloads.length;
    for (int i = cap - laterSize; i < cap; i++) {
      if (keys[2 * i + 1] == o) {
        long t = keys[2 * i];
        int low = cap - laterSize;
        if (i != low) {
          move(i, low);
        }
        payloads[low] = null;
        laterSize--;
        if (t == laterMin) {
          long min = Long.MAX_VALUE;
          for (int j = cap - laterSize; j < cap; j++) {
            min = Math.min(min, keys[2 * j]);
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
    long t = keys[2 * last];
    long o = keys[2 * last + 1];
    SimMessage p = payloads[last];
    payloads[last] = null;
    if (i == last) {
      return;
    }
    // Put the last element in the hole, then restore the heap in whichever direction it violates.
    int hole = i;
    while (hole > 0) {
      int parent = (hole - 1) >>> 1;
      if (!less(t, o, parent)) {
        break;
      }
      move(hole, parent);
      hole = parent;
    }
    if (hole != i) {
      put(hole, t, o, p);
      return;
    }
    int half = size >>> 1;
    while (hole < half) {
      int child = 2 * hole + 1;
      int right = child + 1;
      if (right < size && less(keys[2 * right], keys[2 * right + 1], child)) {
        child = right;
      }
      if (!lessAt(child, t, o)) {
        break;
      }
      move(hole, child);
      hole = child;
    }
    put(hole, t, o, p);
  }

  /** Whether the entry at {@code j} orders before {@code (t, o)}. */
  private boolean lessAt(int j, long t, long o) {
    long tj = keys[2 * j];
    if (tj != t) {
      return tj < t;
    }
    return keys[2 * j + 1] < o;
  }
}

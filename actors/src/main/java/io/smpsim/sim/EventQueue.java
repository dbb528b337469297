package io.smpsim.sim;

import java.util.Arrays;

/**
 * A binary min-heap of events in {@code (time, src, seq)} order. Hand-written rather than a
 * {@link java.util.PriorityQueue} so it stays a plain array for Kryo and avoids comparator calls
 * on the engine's hottest path.
 */
public final class EventQueue {

  private Event[] heap;
  private int size;

  public EventQueue() {
    this(16);
  }

  public EventQueue(int capacity) {
    heap = new Event[Math.max(4, capacity)];
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The earliest event's time, or {@link Long#MAX_VALUE} when empty. */
  public long peekTime() {
    return size == 0 ? Long.MAX_VALUE : heap[0].time();
  }

  public Event peek() {
    return size == 0 ? null : heap[0];
  }

  public void add(Event e) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Event p = heap[parent];
      if (e.compareTo(p) >= 0) {
        break;
      }
      heap[i] = p;
      i = parent;
    }
    heap[i] = e;
  }

  /** Removes and returns the earliest event, or null when empty. */
  public Event poll() {
    if (size == 0) {
      return null;
    }
    Event top = heap[0];
    Event last = heap[--size];
    heap[size] = null;
    if (size > 0) {
      siftDown(last);
    }
    return top;
  }

  /** Removes every event. */
  public void clear() {
    Arrays.fill(heap, 0, size, null);
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
      Event e = heap[i];
      if (e.seq() == seq && e.src() == src) {
        removeAt(i);
        return true;
      }
    }
    return false;
  }

  private void removeAt(int i) {
    Event last = heap[--size];
    heap[size] = null;
    if (i == size) {
      return;
    }
    // Put the last element in the hole, then restore the heap in whichever direction it violates.
    int hole = i;
    while (hole > 0) {
      int parent = (hole - 1) >>> 1;
      if (last.compareTo(heap[parent]) >= 0) {
        break;
      }
      heap[hole] = heap[parent];
      hole = parent;
    }
    if (hole != i) {
      heap[hole] = last;
      return;
    }
    siftDown(last, i);
  }

  private void siftDown(Event e) {
    siftDown(e, 0);
  }

  private void siftDown(Event e, int from) {
    int i = from;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      Event c = heap[child];
      int right = child + 1;
      if (right < size && heap[right].compareTo(c) < 0) {
        child = right;
        c = heap[child];
      }
      if (e.compareTo(c) <= 0) {
        break;
      }
      heap[i] = c;
      i = child;
    }
    heap[i] = e;
  }
}

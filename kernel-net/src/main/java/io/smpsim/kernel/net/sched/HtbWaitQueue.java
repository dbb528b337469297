package io.smpsim.kernel.net.sched;

import java.util.Arrays;

/**
 * The wait queue of sch_htb.c ({@code hlevel[].wait_pq}, {@code htb_add_to_wait_tree()}): every
 * class that cannot send at its own rate, keyed by the time its mode next improves. A dequeue
 * first handles the events that are due ({@code htb_do_events()}); when nothing can be sent, the
 * earliest key arms the watchdog. The kernel keeps one rb-tree per level; one binary heap over
 * all levels serves the same questions (what is due, what is earliest) without allocating.
 */
final class HtbWaitQueue {

  private HtbClass[] heap = new HtbClass[16];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  /** The earliest key, or {@link Long#MAX_VALUE} when no class waits. */
  long earliest() {
    return size == 0 ? Long.MAX_VALUE : heap[0].pqKey;
  }

  /** The class with the earliest key (the queue must not be empty), taken out of the queue. */
  HtbClass poll() {
    HtbClass top = heap[0];
    removeAt(0);
    return top;
  }

  /** Puts {@code c} in the queue with {@code key}, or moves it there if it already waits. */
  void put(HtbClass c, long key) {
    if (c.pqIndex >= 0) {
      c.pqKey = key;
      siftDown(siftUp(c.pqIndex));
      return;
    }
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    c.pqKey = key;
    c.pqIndex = size;
    heap[size++] = c;
    siftUp(c.pqIndex);
  }

  /** Takes {@code c} out of the queue if it waits. */
  void remove(HtbClass c) {
    if (c.pqIndex >= 0) {
      removeAt(c.pqIndex);
    }
  }

  /** Forgets every class (their indexes are reset by the caller's rebuild). */
  void clear() {
    Arrays.fill(heap, 0, size, null);
    size = 0;
  }

  private void removeAt(int i) {
    HtbClass gone = heap[i];
    gone.pqIndex = -1;
    size--;
    if (i == size) {
      heap[size] = null;
      return;
    }
    HtbClass last = heap[size];
    heap[size] = null;
    heap[i] = last;
    last.pqIndex = i;
    siftDown(siftUp(i));
  }

  private static boolean before(HtbClass a, HtbClass b) {
    return a.pqKey < b.pqKey
        || a.pqKey == b.pqKey && Integer.compareUnsigned(a.classid, b.classid) < 0;
  }

  private int siftUp(int i) {
    HtbClass c = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      HtbClass p = heap[parent];
      if (!before(c, p)) {
        break;
      }
      heap[i] = p;
      p.pqIndex = i;
      i = parent;
    }
    heap[i] = c;
    c.pqIndex = i;
    return i;
  }

  private void siftDown(int i) {
    HtbClass c = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && before(heap[child + 1], heap[child])) {
        child++;
      }
      if (!before(heap[child], c)) {
        break;
      }
      heap[i] = heap[child];
      heap[i].pqIndex = i;
      i = child;
    }
    heap[i] = c;
    c.pqIndex = i;
  }
}

package io.smpsim.kernel.net.sched;

import java.util.Arrays;

/**
 * The wait queue of sch_htb.c ({@code hlevel[].wait_pq}, {@code htb_add_to_wait_tree()}): every
 * class that cannot send at its own rate, keyed by the time its mode next improves. A dequeue
 * first handles the events that are due ({@code htb_do_events()}); when nothing can be sent, the
 * earliest key arms the watchdog. The kernel keeps one rb-tree per level; one 4-ary heap over
 * all levels answers the same questions (what is due, what is earliest). Classes are known by
 * their slot (0 .. n-1) and the heap is three arrays of primitives, so moving an entry touches
 * no class object and allocates nothing.
 */
final class HtbWaitQueue {

  /** The heap: the key and the slot at each position. */
  private final long[] keys;
  private final int[] slots;
  /** The position of each slot in the heap, or -1. */
  private final int[] pos;
  private int size;

  /** A queue for the slots 0 .. {@code n}-1. */
  HtbWaitQueue(int n) {
    keys = new long[n];
    slots = new int[n];
    pos = new int[n];
    Arrays.fill(pos, -1);
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The earliest key, or {@link Long#MAX_VALUE} when no class waits. */
  long earliest() {
    return size == 0 ? Long.MAX_VALUE : keys[0];
  }

  /** The slot with the earliest key (the queue must not be empty), taken out of the queue. */
  int poll() {
    int top = slots[0];
    removeAt(0);
    return top;
  }

  /** Puts {@code slot} in the queue with {@code key}, or moves it there if it already waits. */
  void put(int slot, long key) {
    int i = pos[slot];
    if (i < 0) {
      i = size++;
    } else if (key > keys[i]) {
      siftDown(i, key, slot);
      return;
    }
    siftUp(i, key, slot);
  }

  /** Takes {@code slot} out of the queue if it waits. */
  void remove(int slot) {
    int i = pos[slot];
    if (i >= 0) {
      removeAt(i);
    }
  }

  private void removeAt(int i) {
    pos[slots[i]] = -1;
    size--;
    if (i == size) {
      return;
    }
    long key = keys[size];
    int slot = slots[size];
    if (i > 0 && before(key, slot, keys[(i - 1) >>> 2], slots[(i - 1) >>> 2])) {
      siftUp(i, key, slot);
    } else {
      siftDown(i, key, slot);
    }
  }

  /** Earlier key first; equal keys by slot, so the order never depends on history. */
  private static boolean before(long ka, int sa, long kb, int sb) {
    return ka < kb || ka == kb && sa < sb;
  }

  private void siftUp(int i, long key, int slot) {
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      if (!before(key, slot, keys[parent], slots[parent])) {
        break;
      }
      place(i, keys[parent], slots[parent]);
      i = parent;
    }
    place(i, key, slot);
  }

  private void siftDown(int i, long key, int slot) {
    while (true) {
      int first = 4 * i + 1;
      if (first >= size) {
        break;
      }
      int best = first;
      int end = Math.min(first + 4, size);
      for (int c = first + 1; c < end; c++) {
        if (before(keys[c], slots[c], keys[best], slots[best])) {
          best = c;
        }
      }
      if (!before(keys[best], slots[best], key, slot)) {
        break;
      }
      place(i, keys[best], slots[best]);
      i = best;
    }
    place(i, key, slot);
  }

  private void place(int i, long key, int slot) {
    keys[i] = key;
    slots[i] = slot;
    pos[slot] = i;
  }
}

package io.smpsim.sim.engine;

import java.util.Arrays;

/**
 * An indexed binary min-heap of a node's local entities keyed by the time of their next event,
 * so a window finds the entities it must step without scanning them all. Keys can move either
 * way; an entity with no pending event is simply absent.
 */
final class EntityHeap {

  private final long[] key;
  private final int[] pos;
  private final int[] heap;
  private int size;

  EntityHeap(int entities) {
    key = new long[entities];
    pos = new int[entities];
    heap = new int[entities];
    Arrays.fill(pos, -1);
    Arrays.fill(key, Long.MAX_VALUE);
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The smallest key, or {@link Long#MAX_VALUE}. */
  long minKey() {
    return size == 0 ? Long.MAX_VALUE : key[heap[0]];
  }

  long keyOf(int e) {
    return key[e];
  }

  boolean contains(int e) {
    return pos[e] >= 0;
  }

  /** Sets the key of {@code e}; {@link Long#MAX_VALUE} removes it. */
  void set(int e, long k) {
    if (k == Long.MAX_VALUE) {
      remove(e);
      return;
    }
    int p = pos[e];
    long old = key[e];
    key[e] = k;
    if (p < 0) {
      p = size++;
      heap[p] = e;
      pos[e] = p;
      up(p);
    } else if (k < old) {
      up(p);
    } else if (k > old) {
      down(p);
    }
  }

  /** Removes and returns the entity with the smallest key. */
  int pop() {
    int top = heap[0];
    remove(top);
    return top;
  }

  void remove(int e) {
    int p = pos[e];
    key[e] = Long.MAX_VALUE;
    if (p < 0) {
      return;
    }
    pos[e] = -1;
    int last = heap[--size];
    if (p == size) {
      return;
    }
    heap[p] = last;
    pos[last] = p;
    up(p);
    down(pos[last]);
  }

  private void up(int p) {
    int e = heap[p];
    long k = key[e];
    while (p > 0) {
      int parent = (p - 1) >>> 1;
      int pe = heap[parent];
      if (key[pe] <= k) {
        break;
      }
      heap[p] = pe;
      pos[pe] = p;
      p = parent;
    }
    heap[p] = e;
    pos[e] = p;
  }

  private void down(int p) {
    int e = heap[p];
    long k = key[e];
    int half = size >>> 1;
    while (p < half) {
      int c = 2 * p + 1;
      int ce = heap[c];
      int r = c + 1;
      if (r < size && key[heap[r]] < key[ce]) {
        c = r;
        ce = heap[c];
      }
      if (k <= key[ce]) {
        break;
      }
      heap[p] = ce;
      pos[ce] = p;
      p = c;
    }
    heap[p] = e;
    pos[e] = p;
  }
}

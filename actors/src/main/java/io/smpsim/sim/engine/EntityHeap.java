package io.smpsim.sim.engine;

import java.util.Arrays;

/**
 * An indexed binary min-heap of a node's local entities keyed by the time of their next event,
 * so a window finds the entities it must step without scanning them all. Keys can move either
 * way; an entity with no pending event is simply absent.
 *
 * <p>Two bulk paths keep busy windows cheap: entities coming back from a step are
 * {@link #append appended} unordered and the heap is rebuilt in linear time when next read, and
 * {@link #drainBelow} switches from popping to a linear partition once it is taking out a large
 * share of the heap. Sparse windows (a few timers among thousands of idle entities) still cost
 * only logarithmic work.
 */
final class EntityHeap {

  /** Receives the entities taken out by {@link #drainBelow}. */
  interface Sink {
    void accept(int entity);
  }

  private final long[] key;
  private final int[] pos;
  private final int[] heap;
  private int size;
  /** Entries {@code [orderedSize, size)} were appended without sifting. */
  private int orderedSize;

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
    order();
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
    order();
    if (k == Long.MAX_VALUE) {
      remove(e);
      return;
    }
    int p = pos[e];
    long old = key[e];
    key[e] = k;
    if (p < 0) {
      p = size++;
      orderedSize = size;
      heap[p] = e;
      pos[e] = p;
      up(p);
    } else if (k < old) {
      up(p);
    } else if (k > old) {
      down(p);
    }
  }

  /**
   * Adds an entity that is not in the heap without restoring the heap order yet; many appends
   * followed by one read cost a linear rebuild instead of a sift each.
   */
  void append(int e, long k) {
    int p = pos[e];
    if (p >= 0) {
      rekey(e, p, k);
      return;
    }
    if (k == Long.MAX_VALUE) {
      return;
    }
    key[e] = k;
    heap[size] = e;
    pos[e] = size;
    size++;
  }

  /** Removes and returns the entity with the smallest key. */
  int pop() {
    order();
    int top = heap[0];
    remove(top);
    return top;
  }

  /** Removes every entity whose key is below {@code bound}, handing each to {@code sink}. */
  void drainBelow(long bound, Sink sink) {
    order();
    int popped = 0;
    while (size > 0 && key[heap[0]] < bound) {
      if (popped >= 32 && popped > size / 4) {
        partitionBelow(bound, sink);
        return;
      }
      sink.accept(pop());
      popped++;
    }
  }

  /** Takes out every entry below the bound in one pass, then rebuilds the rest. */
  private void partitionBelow(long bound, Sink sink) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      int e = heap[i];
      if (key[e] < bound) {
        pos[e] = -1;
        key[e] = Long.MAX_VALUE;
        sink.accept(e);
      } else {
        heap[kept] = e;
        pos[e] = kept;
        kept++;
      }
    }
    size = kept;
    orderedSize = 0;
    order();
  }

  void remove(int e) {
    order();
    int p = pos[e];
    key[e] = Long.MAX_VALUE;
    if (p < 0) {
      return;
    }
    pos[e] = -1;
    int last = heap[--size];
    orderedSize = size;
    if (p == size) {
      return;
    }
    heap[p] = last;
    pos[last] = p;
    up(p);
    down(pos[last]);
  }

  /** Restores the heap order after appends: sift in few, or rebuild (Floyd) when many. */
  private void order() {
    if (orderedSize == size) {
      return;
    }
    int appended = size - orderedSize;
    if (appended <= 8 || appended < size / 16) {
      for (int i = orderedSize; i < size; i++) {
        up(i);
      }
    } else {
      for (int i = (size >>> 1) - 1; i >= 0; i--) {
        down(i);
      }
    }
    orderedSize = size;
  }

  /**
   * A new key for an entry already in the heap, without ordering the entries appended since the
   * last read: an entry of the ordered part sifts within that part, one of the appended part just
   * takes its key (its sift comes with theirs). Restoring the whole order first, as {@link #set}
   * does, would cost a rebuild per entity in a window that appends many.
   */
  private void rekey(int e, int p, long k) {
    long old = key[e];
    key[e] = k;
    if (p >= orderedSize) {
      if (k == Long.MAX_VALUE) {
        dropAt(p);
      }
      return;
    }
    if (k == Long.MAX_VALUE) {
      // Take the ordered part's last entry into the hole and sift it there; the ordered part
      // shrinks by one, and the heap's last entry (appended, or that same one) fills its slot.
      int lastOrdered = --orderedSize;
      int moved = heap[lastOrdered];
      pos[e] = -1;
      if (p != lastOrdered) {
        heap[p] = moved;
        pos[moved] = p;
        up(p);
        down(pos[moved], orderedSize);
      }
      dropAt(lastOrdered);
      return;
    }
    if (k < old) {
      up(p);
    } else if (k > old) {
      down(p, orderedSize);
    }
  }

  /** Fills slot {@code p} (at or after the ordered part) with the heap's last entry. */
  private void dropAt(int p) {
    int e = heap[p];
    if (pos[e] == p) {
      pos[e] = -1;
    }
    int last = heap[--size];
    if (p != size) {
      heap[p] = last;
      pos[last] = p;
    }
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
    down(p, size);
  }

  /** Sifts the entry at {@code p} down within the first {@code n} slots. */
  private void down(int p, int n) {
    int e = heap[p];
    long k = key[e];
    int half = n >>> 1;
    while (p < half) {
      int c = 2 * p + 1;
      int ce = heap[c];
      int r = c + 1;
      if (r < n && key[heap[r]] < key[ce]) {
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

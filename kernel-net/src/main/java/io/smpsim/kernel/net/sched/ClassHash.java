package io.smpsim.kernel.net.sched;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Qdisc_class_hash (net/sched/sch_api.c): classes hashed by classid into a table that starts
 * with 4 buckets and doubles when more than 3/4 full. Lookups stay O(1) with thousands of
 * classes, and the dump order ({@code tc class show}) is the bucket walk, which depends on the
 * rehash history.
 *
 * <p>Each lookup counts the entries it passes over before its class ({@link #walked}): the chain
 * walk a packet's classification costs its CPU. With the quirk fixed-class-hash the table has
 * the 16 buckets of the kernels before the dynamic hashes ({@link #fix}) and never grows.
 *
 * @param <C> the class type
 */
public final class ClassHash<C extends ClassHash.Entry> {

  /**
   * What passing over one entry of a chain costs the CPU: a cache miss to memory (about 100 ns),
   * since thousands of classes (a struct htb_class is about a kilobyte) do not fit its caches.
   */
  public static final long ENTRY_NS = 100;

  /** What the hash needs from a class: its id. */
  public interface Entry {
    int classid();
  }

  private List<List<C>> buckets = new ArrayList<>();
  private int elems;
  /** The table keeps its size: grow() does nothing (the quirk fixed-class-hash). */
  private boolean fixed;
  /** Entries passed over by every lookup so far, the class found not counted. */
  private long walked;
  /** The walk, kept between changes: htb walks its classes on every dequeue. */
  private transient List<C> walk;

  public ClassHash() {
    buckets = newTable(4);
  }

  private static <C> List<List<C>> newTable(int size) {
    List<List<C>> t = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      t.add(new ArrayList<>());
    }
    return t;
  }

  /**
   * The table of the kernels before 2.6.25: sch_htb.c's {@code hash[HTB_HSIZE]}, 16 buckets with
   * the same fold (htb_hash()) and head insertion, that never grows. Called on an empty hash.
   */
  public void fix(int size) {
    buckets = newTable(size);
    fixed = true;
    walk = null;
  }

  /** qdisc_class_hash(): fold the id onto itself, then mask. */
  static int hash(int id, int mask) {
    id ^= id >>> 8;
    id ^= id >>> 4;
    return id & mask;
  }

  public C find(int classid) {
    List<C> bucket = buckets.get(hash(classid, buckets.size() - 1));
    for (int i = 0, n = bucket.size(); i < n; i++) {
      C c = bucket.get(i);
      if (c.classid() == classid) {
        walked += i;
        return c;
      }
    }
    walked += bucket.size();
    return null;
  }

  /** qdisc_class_hash_insert(): at the head of its bucket. */
  public void insert(C c) {
    buckets.get(hash(c.classid(), buckets.size() - 1)).add(0, c);
    elems++;
    walk = null;
  }

  public void remove(C c) {
    buckets.get(hash(c.classid(), buckets.size() - 1)).remove(c);
    elems--;
    walk = null;
  }

  /** qdisc_class_hash_grow(): double when more than 3/4 full, re-inserting bucket by bucket. */
  public void grow() {
    if (fixed || elems * 4 <= buckets.size() * 3) {
      return;
    }
    int nsize = buckets.size() * 2;
    List<List<C>> next = newTable(nsize);
    for (List<C> b : buckets) {
      for (C c : b) {
        next.get(hash(c.classid(), nsize - 1)).add(0, c);
      }
    }
    buckets = next;
    walk = null;
  }

  /**
   * How many entries the lookups so far passed over (hlist_for_each_entry() steps that did not
   * match): a lookup's cost is its chain walk.
   */
  public long walked() {
    return walked;
  }

  public int size() {
    return elems;
  }

  public int buckets() {
    return buckets.size();
  }

  /**
   * Every class in walk order (bucket by bucket, list order inside a bucket), as an unmodifiable
   * snapshot: changing the hash while walking it is safe.
   */
  public List<C> inWalkOrder() {
    if (walk == null) {
      List<C> all = new ArrayList<>(elems);
      for (List<C> b : buckets) {
        all.addAll(b);
      }
      walk = Collections.unmodifiableList(all);
    }
    return walk;
  }
}

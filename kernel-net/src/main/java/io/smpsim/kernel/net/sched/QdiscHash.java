package io.smpsim.kernel.net.sched;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-device qdisc hash (net_device.qdisc_hash, 16 buckets): {@code qdisc_lookup()} searches
 * it and the dumps walk it, bucket by bucket, newest first inside a bucket. The dump order users
 * see is this order (include/linux/hashtable.h, net/sched/sch_api.c qdisc_hash_add).
 */
public final class QdiscHash {

  private static final int BITS = 4;
  private final List<List<Qdisc>> buckets = new ArrayList<>();

  public QdiscHash() {
    for (int i = 0; i < (1 << BITS); i++) {
      buckets.add(new ArrayList<>());
    }
  }

  /** hash_32(handle, 4): the golden-ratio multiplicative hash. */
  static int bucket(int handle) {
    return (handle * 0x61C88647) >>> (32 - BITS);
  }

  /** hash_add: at the head of its bucket. */
  public void add(Qdisc q) {
    buckets.get(bucket(q.handle())).add(0, q);
  }

  public void remove(Qdisc q) {
    buckets.get(bucket(q.handle())).remove(q);
  }

  public boolean contains(Qdisc q) {
    return buckets.get(bucket(q.handle())).contains(q);
  }

  /** The first qdisc hashed under {@code handle}, or {@code null}. */
  public Qdisc find(int handle) {
    for (Qdisc q : buckets.get(bucket(handle))) {
      if (q.handle() == handle) {
        return q;
      }
    }
    return null;
  }

  /** Every hashed qdisc in hash_for_each() order. */
  public List<Qdisc> inDumpOrder() {
    List<Qdisc> all = new ArrayList<>();
    for (List<Qdisc> b : buckets) {
      all.addAll(b);
    }
    return all;
  }
}

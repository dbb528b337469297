package io.smpsim.kernel.net.sched;

/**
 * An id tree of sch_htb.c ({@code htb_add_to_id_tree()}): the classes of one row, or of one
 * inner class's feed, at one priority, ordered by classid. The kernel threads an rb-tree through
 * the classes; the classes of one htb share their major number, so here the set is a bitmap of
 * their 16-bit minors in three levels (a word per 64 minors, a word per 4,096, one word for
 * all): adding, removing and finding the next member from a round-robin pointer take a few word
 * operations and allocate nothing once a range of minors has been used.
 */
final class HtbIdSet {

  private static final int CHUNKS = 16;
  private static final int WORDS = 64;

  /** Bit c: chunk c holds a member. */
  private long top;
  /** Bit w of mid[c]: word w of chunk c holds a member. */
  private final long[] mid = new long[CHUNKS];
  /** The member bits, 4,096 minors per chunk, allocated when a chunk is first used. */
  private final long[][] words = new long[CHUNKS][];

  boolean isEmpty() {
    return top == 0;
  }

  void add(int minor) {
    int c = minor >>> 12;
    int w = (minor >>> 6) & (WORDS - 1);
    long[] chunk = words[c];
    if (chunk == null) {
      chunk = new long[WORDS];
      words[c] = chunk;
    }
    chunk[w] |= 1L << minor;
    mid[c] |= 1L << w;
    top |= 1L << c;
  }

  void remove(int minor) {
    int c = minor >>> 12;
    int w = (minor >>> 6) & (WORDS - 1);
    long[] chunk = words[c];
    if (chunk == null) {
      return;
    }
    chunk[w] &= ~(1L << minor);
    if (chunk[w] == 0) {
      mid[c] &= ~(1L << w);
      if (mid[c] == 0) {
        top &= ~(1L << c);
      }
    }
  }

  /** The smallest member at or after {@code minor}, or -1. */
  int atOrAfter(int minor) {
    int c = minor >>> 12;
    int w = (minor >>> 6) & (WORDS - 1);
    if ((top & (1L << c)) != 0) {
      long x = words[c][w] & (-1L << minor);
      if (x != 0) {
        return (c << 12) | (w << 6) | Long.numberOfTrailingZeros(x);
      }
      long m = mid[c] & (-2L << w);
      if (m != 0) {
        int w2 = Long.numberOfTrailingZeros(m);
        return (c << 12) | (w2 << 6) | Long.numberOfTrailingZeros(words[c][w2]);
      }
    }
    long t = top & (-2L << c);
    if (t == 0) {
      return -1;
    }
    int c2 = Long.numberOfTrailingZeros(t);
    int w2 = Long.numberOfTrailingZeros(mid[c2]);
    return (c2 << 12) | (w2 << 6) | Long.numberOfTrailingZeros(words[c2][w2]);
  }
}

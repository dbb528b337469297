package io.smpsim.kernel.core;

import java.util.BitSet;

/**
 * The kernel's CPU range-list format ({@code %*pbl}, bitmap_print_to_pagebuf / cpulist_parse):
 * {@code 0-2,4,6-7}; an empty mask prints as nothing.
 */
public final class CpuList {

  private CpuList() {}

  public static String format(BitSet mask) {
    StringBuilder b = new StringBuilder();
    int i = mask.nextSetBit(0);
    while (i >= 0) {
      int end = mask.nextClearBit(i) - 1;
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(i);
      if (end > i) {
        b.append('-').append(end);
      }
      i = mask.nextSetBit(end + 1);
    }
    return b.toString();
  }

  /** The mask of CPUs {@code 0 .. n-1}. */
  public static BitSet range(int n) {
    BitSet b = new BitSet(n);
    b.set(0, n);
    return b;
  }

  /**
   * Parses a range list as cpulist_parse does ({@code 0,2-4}, and {@code 0-7:2/4} strides are
   * not accepted here); throws IllegalArgumentException (EINVAL) for anything malformed or a CPU
   * at or above {@code nrCpuIds} (ERANGE in the kernel; callers map both to the errno they need).
   */
  public static BitSet parse(String text, int nrCpuIds) {
    BitSet b = new BitSet(nrCpuIds);
    String t = text.trim();
    if (t.isEmpty()) {
      return b;
    }
    for (String part : t.split(",")) {
      String[] ends = part.split("-", -1);
      if (ends.length > 2 || ends[0].isEmpty()) {
        throw new IllegalArgumentException("bad cpulist: " + text);
      }
      int from = parseCpu(ends[0]);
      int to = ends.length == 2 ? parseCpu(ends[1]) : from;
      if (to < from || to >= nrCpuIds) {
        throw new IllegalArgumentException("cpu out of range: " + text);
      }
      b.set(from, to + 1);
    }
    return b;
  }

  private static int parseCpu(String s) {
    if (!s.chars().allMatch(Character::isDigit) || s.isEmpty()) {
      throw new IllegalArgumentException("bad cpu number: " + s);
    }
    if (s.length() > 9) {
      // lib/bitmap.c bitmap_getnum(): a number past the int range is -EOVERFLOW, not a crash.
      throw new IllegalArgumentException("cpu out of range: " + s);
    }
    return Integer.parseInt(s);
  }
}

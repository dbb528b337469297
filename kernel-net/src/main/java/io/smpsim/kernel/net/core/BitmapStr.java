package io.smpsim.kernel.net.core;

import java.util.BitSet;

/**
 * The kernel's bitmap range lists (lib/bitmap-str.c): {@code 0-2,4,6-7}, as
 * bitmap_print_to_pagebuf() prints them ({@code %*pbl}) and bitmap_parselist() reads them. The
 * one copy of both: networking's /proc/irq/N/smp_affinity_list uses it here, and the kernel's
 * CPU lists (its {@code CpuList}, the cpumask wrappers of include/linux/cpumask.h) above it.
 */
public final class BitmapStr {

  private BitmapStr() {}

  /** The range list of {@code mask}; an empty mask prints as nothing. */
  public static String printList(BitSet mask) {
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

  /**
   * Parses the range list {@code text} ({@code 0,2-4}; blank is the empty list) into
   * {@code into}: 0, or the errno: EINVAL for anything malformed (an empty or non-numeric part,
   * a descending range), ERANGE for a bit at or above {@code nbits} or a number of more than
   * nine digits. {@code 0-7:2/4} strides, {@code N} and {@code all} are not accepted here, nor
   * the empty regions the kernel skips ({@code 0,}, {@code ,0}), and a number past the int range
   * is ERANGE where bitmap_getnum() says EOVERFLOW. On an error {@code into} may hold the parts
   * before the bad one.
   */
  public static int parseList(String text, BitSet into, int nbits) {
    String t = text.trim();
    if (t.isEmpty()) {
      return 0;
    }
    for (String part : t.split(",", -1)) {
      String[] ends = part.split("-", -1);
      if (ends.length > 2 || !digits(ends[0]) || ends.length == 2 && !digits(ends[1])) {
        return Errno.EINVAL;
      }
      if (ends[0].length() > 9 || ends.length == 2 && ends[1].length() > 9) {
        return Errno.ERANGE;
      }
      int from = Integer.parseInt(ends[0]);
      int to = ends.length == 2 ? Integer.parseInt(ends[1]) : from;
      if (to < from) {
        return Errno.EINVAL;
      }
      if (to >= nbits) {
        return Errno.ERANGE;
      }
      into.set(from, to + 1);
    }
    return 0;
  }

  private static boolean digits(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }
}

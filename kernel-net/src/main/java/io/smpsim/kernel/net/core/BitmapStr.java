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
   * bitmap_parselist() (lib/bitmap.c): parses the range list {@code text} into {@code into}
   * (cleared first) and returns 0 or the errno. The text ends at its end or at a newline.
   * Regions are separated by commas and white space, any number of them, before, between and
   * after (blank is the empty list); a region is {@code A}, {@code A-B}, {@code A-B:used/group}
   * (from each group of {@code group} bits starting at A, the first {@code used}) or
   * {@code all} (any case; {@code 0-N}), where {@code N} stands for the last bit. EINVAL for a
   * malformed region, a descending range, a group of 0 or more used bits than the group has;
   * ERANGE for a bit at or past {@code nbits}; EOVERFLOW for a number past 32 bits. On an
   * error {@code into} holds the regions before the bad one, as the kernel's mask does.
   */
  public static int parseList(String text, BitSet into, int nbits) {
    into.clear();
    Cursor c = new Cursor(text, nbits - 1L);
    while (true) {
      // bitmap_find_region()
      while (c.separator()) {
        c.pos++;
      }
      if (c.atEnd()) {
        return 0;
      }
      long start;
      long end;
      if (text.regionMatches(true, c.pos, "all", 0, 3)) {
        c.pos += 3;
        start = 0;
        end = c.last;
      } else {
        start = c.number();
        if (start < 0) {
          return (int) -start;
        }
        if (c.endOfRegion()) {
          end = start;
        } else if (c.peek() != '-') {
          return Errno.EINVAL;
        } else {
          c.pos++;
          end = c.number();
          if (end < 0) {
            return (int) -end;
          }
        }
      }
      long used = end + 1;
      long group = end + 1;
      if (!c.endOfRegion()) {
        if (c.peek() != ':') {
          return Errno.EINVAL;
        }
        c.pos++;
        used = c.number();
        if (used < 0) {
          return (int) -used;
        }
        if (c.peek() != '/') {
          return Errno.EINVAL;
        }
        c.pos++;
        group = c.number();
        if (group < 0) {
          return (int) -group;
        }
      }
      // bitmap_check_region()
      if (start > end || group == 0 || used > group) {
        return Errno.EINVAL;
      }
      if (end >= nbits) {
        return Errno.ERANGE;
      }
      // bitmap_set_region()
      for (long s = start; s <= end; s += group) {
        into.set((int) s, (int) (s + Math.min(end - s + 1, used)));
      }
    }
  }

  /** A position in the text being parsed. */
  private static final class Cursor {
    final String text;
    final long last;
    int pos;

    Cursor(String text, long last) {
      this.text = text;
      this.last = last;
    }

    /** end_of_str(): the text's end, or a newline. */
    boolean atEnd() {
      return pos >= text.length() || text.charAt(pos) == '\n';
    }

    /** __end_of_region(): white space or a comma. */
    boolean separator() {
      if (atEnd()) {
        return false;
      }
      char ch = text.charAt(pos);
      return ch == ',' || ch == ' ' || ch >= '\t' && ch <= '\r';
    }

    boolean endOfRegion() {
      return atEnd() || separator();
    }

    char peek() {
      return atEnd() ? '\0' : text.charAt(pos);
    }

    /**
     * bitmap_getnum(): {@code N} (the last bit) or a decimal number of at most 32 bits; the
     * number, or minus the errno (EINVAL without a digit, EOVERFLOW past 32 bits).
     */
    long number() {
      if (peek() == 'N') {
        pos++;
        return last;
      }
      long n = 0;
      boolean overflow = false;
      int from = pos;
      while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
        n = n * 10 + (text.charAt(pos) - '0');
        if (n > 0xFFFF_FFFFL) {
          overflow = true;
          n = 0xFFFF_FFFFL + 1;
        }
        pos++;
      }
      if (pos == from) {
        return -Errno.EINVAL;
      }
      return overflow ? -Errno.EOVERFLOW : n;
    }
  }
}

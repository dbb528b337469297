package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.core.CpuList;
import java.util.BitSet;

/**
 * {@code proc_do_large_bitmap} (kernel/sysctl.c), the handler of
 * {@code kernel.watchdog_cpumask}: a range list such as {@code 0-3,8}, newlines skipped, each
 * number followed by {@code -} {@code ,} or a newline, ranges ascending, every bit below the
 * table's length; anything else is EINVAL and leaves the mask as it was. An empty write clears
 * the mask. Reads print the range list and a newline.
 */
public final class ProcBitmap {

  private ProcBitmap() {}

  /** The bitmap written, or null for EINVAL. */
  public static BitSet parse(String text, int bits) {
    BitSet out = new BitSet();
    int[] pos = {skipNewlines(text, 0)};
    while (pos[0] < text.length()) {
      long a = number(text, pos, "-,\n");
      if (a < 0 || a >= bits) {
        return null;
      }
      long b = a;
      char c = pos[0] < text.length() ? text.charAt(pos[0]) : 0;
      if (pos[0] < text.length()) {
        pos[0]++;
      }
      if (c == '-') {
        b = number(text, pos, ",\n\0");
        if (b < 0 || b >= bits || a > b) {
          return null;
        }
        if (pos[0] < text.length()) {
          pos[0]++;
        }
      }
      out.set((int) a, (int) b + 1);
      pos[0] = skipNewlines(text, pos[0]);
    }
    return out;
  }

  /** The read side: the range list and a newline. */
  public static String format(BitSet mask) {
    return CpuList.format(mask) + "\n";
  }

  private static int skipNewlines(String s, int i) {
    while (i < s.length() && s.charAt(i) == '\n') {
      i++;
    }
    return i;
  }

  /** An unsigned decimal number at pos, followed by one of {@code trailers} or the end; -1 if not. */
  private static long number(String s, int[] pos, String trailers) {
    int i = pos[0];
    if (i >= s.length() || !Character.isDigit(s.charAt(i))) {
      return -1;
    }
    long v = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      v = v * 10 + (s.charAt(i) - '0');
      if (v > Integer.MAX_VALUE) {
        return -1;
      }
      i++;
    }
    if (i < s.length() && trailers.indexOf(s.charAt(i)) < 0) {
      return -1;
    }
    pos[0] = i;
    return v;
  }
}

package io.smpsim.kernel.core;

import io.smpsim.kernel.net.core.BitmapStr;
import io.smpsim.kernel.net.core.Errno;
import java.util.BitSet;

/**
 * The kernel's CPU range-list format ({@code %*pbl}, bitmap_print_to_pagebuf / cpulist_parse):
 * {@code 0-2,4,6-7}; an empty mask prints as nothing. As in include/linux/cpumask.h, these are
 * the bitmap range-list functions of lib/bitmap-str.c on a CPU mask: {@link BitmapStr}, which
 * the network namespace's /proc/irq/N/smp_affinity_list uses too.
 */
public final class CpuList {

  private CpuList() {}

  public static String format(BitSet mask) {
    return BitmapStr.printList(mask);
  }

  /**
   * select_fallback_rq()'s first pass (kernel/sched/core.c): the lowest CPU of {@code online}
   * that {@code allowed} has (null: every CPU), or -1 when it has none and the task's mask must
   * fall back.
   */
  public static int firstAllowed(BitSet allowed, BitSet online) {
    if (allowed == null) {
      return online.nextSetBit(0);
    }
    BitSet ok = (BitSet) allowed.clone();
    ok.and(online);
    return ok.nextSetBit(0);
  }

  /** The mask of CPUs {@code 0 .. n-1}. */
  public static BitSet range(int n) {
    BitSet b = new BitSet(n);
    b.set(0, n);
    return b;
  }

  /**
   * Parses a range list as cpulist_parse does ({@code 0,2-4}, {@code 0-7:2/4}, {@code 4-N},
   * {@code all}); throws IllegalArgumentException for anything malformed (EINVAL, EOVERFLOW) or
   * a CPU at or above {@code nrCpuIds} (ERANGE; callers map them to the errno they need).
   */
  public static BitSet parse(String text, int nrCpuIds) {
    BitSet b = new BitSet(nrCpuIds);
    int err = BitmapStr.parseList(text, b, nrCpuIds);
    if (err != 0) {
      throw new IllegalArgumentException(
          (err == Errno.ERANGE ? "cpu out of range: " : "bad cpulist: ") + text);
    }
    return b;
  }
}

package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.TcRateSpec;

/** tc_calc_rtable(): the cell_log of a rate table and the tc_ratespec iproute2 sends. */
final class RateTable {

  private RateTable() {}

  /** The tc_ratespec for {@code rate32} with the cell_log derived from {@code mtu}. */
  static TcRateSpec spec(long rate32, int cellLog, long mtu, int mpu, int overhead,
      int linklayer) {
    long m = mtu == 0 ? 2047 : mtu;
    int cl = cellLog;
    if (cl < 0) {
      cl = 0;
      while ((m >> cl) > 255) {
        cl++;
      }
    }
    return new TcRateSpec(cl, linklayer & 0x0F, overhead, -1, mpu, (int) rate32);
  }

  /**
   * The argument as the caller sees it after get_size_and_cell() failed on it: the function
   * cuts the string at the slash and puts the slash back only once the cell parsed as an
   * integer, so an error message names just the size part unless the cell was the problem of
   * not being a power of two (tc/tc_util.c).
   */
  static String afterFailedSizeAndCell(String str) {
    int slash = str.indexOf('/');
    if (slash < 0) {
      return str;
    }
    boolean restored = TcUnits.getSize(str.substring(0, slash)) != null
        && TcUnits.getInteger(str.substring(slash + 1), 0) != null;
    return restored ? str : str.substring(0, slash);
  }

  /** get_size_and_cell(): size and the log2 of an optional {@code /CELL}; null if invalid. */
  static long[] sizeAndCell(String str) {
    int slash = str.indexOf('/');
    String sz = slash >= 0 ? str.substring(0, slash) : str;
    Long size = TcUnits.getSize(sz);
    if (size == null) {
      return null;
    }
    if (slash < 0) {
      return new long[] {size, -1};
    }
    Long cell = TcUnits.getInteger(str.substring(slash + 1), 0);
    if (cell == null) {
      return null;
    }
    for (int i = 0; i < 32; i++) {
      if ((1L << i) == cell) {
        return new long[] {size, i};
      }
    }
    return null;
  }
}

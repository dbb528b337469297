package io.smpsim.kernel.sysctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** proc_do_large_bitmap, the handler of kernel.watchdog_cpumask, as recorded. */
class ProcBitmapTest {

  private static String roundTrip(String written) {
    BitSet b = ProcBitmap.parse(written, Sysctl.NR_CPUS);
    return b == null ? null : ProcBitmap.format(b);
  }

  @Test
  void rangeListsAreTakenAndPrintedBack() {
    assertEquals("0-3\n", roundTrip("0-3\n"));
    assertEquals("1\n", roundTrip("1\n"));
    assertEquals("1,3,5\n", roundTrip("1,3,5\n"));
    assertEquals("99\n", roundTrip("99\n"), "CPUs that do not exist are bits like any other");
    assertEquals("\n", roundTrip("\n"), "an empty write clears the mask");
    assertEquals("0-7\n", roundTrip("0-7"), "busybox sysctl writes no newline");
  }

  @Test
  void malformedListsAreEinval() {
    assertNull(roundTrip("abc\n"));
    assertNull(roundTrip("3-1\n"));
    assertNull(roundTrip(" 3\n"));
    assertNull(roundTrip("8192\n"), "past NR_CPUS");
    assertNull(roundTrip("0-\n"));
  }
}

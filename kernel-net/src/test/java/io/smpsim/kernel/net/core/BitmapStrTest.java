package io.smpsim.kernel.net.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** Range lists print and parse as lib/bitmap-str.c does, with its errnos. */
class BitmapStrTest {

  private static BitSet parsed(String text, int nbits) {
    BitSet b = new BitSet();
    assertEquals(0, BitmapStr.parseList(text, b, nbits), text);
    return b;
  }

  @Test
  void aListPrintsItsRunsAsRangesAndReadsBackTheSame() {
    BitSet m = new BitSet();
    m.set(0, 3);
    m.set(4);
    m.set(6, 8);
    assertEquals("0-2,4,6-7", BitmapStr.printList(m));
    assertEquals(m, parsed("0-2,4,6-7\n", 8));
    assertEquals("", BitmapStr.printList(new BitSet()));
    assertEquals(new BitSet(), parsed("  ", 8));
  }

  @Test
  void malformedListsAreEinvalAndBitsPastTheEndErange() {
    for (String bad : new String[] {"1-x", "2-1", "1-2-3", "-1"}) {
      assertEquals(Errno.EINVAL, BitmapStr.parseList(bad, new BitSet(), 8), bad);
    }
    for (String far : new String[] {"8", "0-8", "3,9"}) {
      assertEquals(Errno.ERANGE, BitmapStr.parseList(far, new BitSet(), 8), far);
    }
  }
}

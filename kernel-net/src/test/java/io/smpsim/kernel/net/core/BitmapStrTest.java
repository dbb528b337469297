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

  private static BitSet bits(int... set) {
    BitSet b = new BitSet();
    for (int i : set) {
      b.set(i);
    }
    return b;
  }

  @Test
  void emptyRegionsAndWhiteSpaceAreSkippedAndANewlineEndsTheList() {
    // bitmap_find_region() skips commas and spaces before every region.
    assertEquals(bits(0), parsed("0,", 8));
    assertEquals(bits(0), parsed(",0", 8));
    assertEquals(bits(1, 3), parsed(" 1 ,, 3 ", 8));
    // end_of_str(): what follows a newline is not read.
    assertEquals(bits(2), parsed("2\n5", 8));
  }

  @Test
  void stridesTheLastBitAndAllAreRead() {
    // lib/test_bitmap.c's parselist cases, on 32 bits.
    assertEquals(bits(0, 1, 4, 5), parsed("0-7:2/4", 8));
    assertEquals(bits(0, 1, 256, 257, 512, 513, 768, 769), parsed("0-1023:2/256", 1024));
    assertEquals(bits(6, 7), parsed("6-N", 8));
    assertEquals(bits(7), parsed("N", 8));
    BitSet all = new BitSet();
    all.set(0, 8);
    assertEquals(all, parsed("ALL", 8));
    assertEquals(bits(0, 2, 4, 6), parsed("all:1/2", 8));
  }

  @Test
  void badGroupsAreEinvalAndNumbersPast32BitsEoverflow() {
    for (String bad : new String[] {"0-7:0/0", "0-7:3/2", "0-7:2", "0-7/2", "allx", "0-7:2/x"}) {
      assertEquals(Errno.EINVAL, BitmapStr.parseList(bad, new BitSet(), 8), bad);
    }
    for (String big : new String[] {"4294967296", "0-99999999999999999999999"}) {
      assertEquals(Errno.EOVERFLOW, BitmapStr.parseList(big, new BitSet(), 8), big);
    }
    // 32 bits fit; past the mask it is ERANGE.
    assertEquals(Errno.ERANGE, BitmapStr.parseList("4294967295", new BitSet(), 8));
  }
}

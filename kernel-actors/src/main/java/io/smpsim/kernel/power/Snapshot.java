package io.smpsim.kernel.power;

import io.smpsim.kernel.E820;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hibernation image's size and the lines kernel/power/snapshot.c prints about it
 * (pr_fmt "PM: hibernation: "). smpsim models no page contents: the image is that of a
 * small guest running a busybox initramfs, a fixed number of saveable pages.
 */
final class Snapshot {

  private Snapshot() {}

  /**
   * Saveable pages (4 KiB) swsusp_save() copies: those in use in a 2 GiB QEMU guest of the
   * recordings' Debian 6.1 build running a busybox initramfs (a real one copied 38,251).
   */
  static final int PAGES = 38_251;

  /**
   * Pages hibernate_preallocate_memory() takes for the image: the saveable pages and the
   * slack it keeps for the copy (a real guest as above took 40,787).
   */
  static final int PREALLOCATED = 40_787;

  /**
   * The 2 GiB machine's pages the page allocator manages; what the image does not take is what
   * enough_free_mem() finds free.
   */
  static final int USABLE_PAGES = 524_158;

  /** kernel/power/snapshot.c pages reserved for I/O during the image write (PAGES_FOR_IO). */
  static final int PAGES_FOR_IO = 1024;

  /**
   * create_basic_memory_bitmaps(): mark_nosave_pages() marks each nosave region registered at
   * boot, then the bitmaps exist (pr_debug, on under CONFIG_PM_DEBUG, which builds kernel/power
   * with -DDEBUG).
   */
  static List<String> bitmapsCreated() {
    List<String> l = new ArrayList<>();
    for (String r : E820.NOSAVE_REGIONS) {
      l.add("PM: hibernation: Marking nosave pages: " + r);
    }
    l.add("PM: hibernation: Basic memory bitmaps created");
    return l;
  }

  /** free_basic_memory_bitmaps() (pr_debug). */
  static String bitmapsFreed() {
    return "PM: hibernation: Basic memory bitmaps freed";
  }

  /** swsusp_save() -> enough_free_mem() (pr_debug), after "Need to copy". */
  static String enoughFreeMem() {
    return "PM: hibernation: Normal pages needed: " + PAGES + " + " + PAGES_FOR_IO
        + ", available pages: " + (USABLE_PAGES - PAGES);
  }

  /** hibernate_preallocate_memory()'s result line. */
  static String allocated() {
    return "PM: hibernation: Allocated " + PREALLOCATED + " pages for snapshot";
  }

  /**
   * swsusp_show_speed() (kernel/power/hibernate.c): kbytes, elapsed centiseconds (at least 1)
   * and the rate in MB/s with two decimals.
   */
  static String speed(String msg, long elapsedNs) {
    long centisecs = Math.max(1, elapsedNs / 10_000_000L);
    long k = PREALLOCATED * 4L;
    long kps = (k * 100) / centisecs;
    return String.format(Locale.ROOT, "PM: hibernation: %s %d kbytes in %d.%02d seconds (%d.%02d MB/s)", msg,
        k, centisecs / 100, centisecs % 100, kps / 1000, (kps % 1000) / 10);
  }

  /** swsusp_save()'s lines before the copy. */
  static String[] creating() {
    return new String[] {"PM: hibernation: Creating image:",
        "PM: hibernation: Need to copy " + PAGES + " pages"};
  }

  /** swsusp_save()'s line after the copy (6.1; 6.9+ also counts zero pages). */
  static String created() {
    return "PM: hibernation: Image created (" + PAGES + " pages copied)";
  }
}

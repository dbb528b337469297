package io.smpsim.kernel.power;

import java.util.Locale;

/**
 * The hibernation image's size and the lines kernel/power/snapshot.c prints about it
 * (pr_fmt "PM: hibernation: "). smpsim models no page contents: the image is that of a
 * small guest running a busybox initramfs, a fixed number of saveable pages.
 */
final class Snapshot {

  private Snapshot() {}

  /** Saveable pages (4 KiB): what hibernate_preallocate_memory() keeps and swsusp_save() copies. */
  static final int PAGES = 52_736;

  /** hibernate_preallocate_memory()'s result line. */
  static String allocated() {
    return "PM: hibernation: Allocated " + PAGES + " pages for snapshot";
  }

  /**
   * swsusp_show_speed() (kernel/power/hibernate.c): kbytes, elapsed centiseconds (at least 1)
   * and the rate in MB/s with two decimals.
   */
  static String speed(String msg, long elapsedNs) {
    long centisecs = Math.max(1, elapsedNs / 10_000_000L);
    long k = PAGES * 4L;
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

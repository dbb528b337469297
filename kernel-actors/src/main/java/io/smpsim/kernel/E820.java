package io.smpsim.kernel;

import java.util.List;

/**
 * The BIOS memory map (e820) of the machine smpsim models, QEMU's pc with SeaBIOS: usable RAM
 * below 640 KiB ends at 0x9fc00 (the EBDA follows), the legacy VGA and BIOS area runs to 1 MiB,
 * and the kernel reserves the first page (e820__memblock_setup(): "usable ==> reserved").
 */
public final class E820 {

  private E820() {}

  /**
   * The page ranges e820__register_nosave_regions() registers with the hibernation core at boot
   * (arch/x86/kernel/e820.c): the holes below the end of RAM, rounded out to whole pages. The
   * kernel prints them at boot ("Registered nosave memory") and again when a hibernation marks
   * them in its bitmaps ("Marking nosave pages"), in kernel/power/snapshot.c's %#010llx form.
   */
  public static final List<String> NOSAVE_REGIONS =
      List.of("[mem 0x00000000-0x00000fff]", "[mem 0x0009f000-0x000fffff]");
}

package io.smpsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The build a machine's kernel version names: banner, release and the dump_stack line. */
class KernelVersionTest {

  @Test
  void theDefaultSixOneIsTheRecordedDebianBuild() {
    KernelVersion v = KernelVersion.DEFAULT;
    // init/version.c linux_banner with Debian's UTS_VERSION, as the recordings' first line.
    assertEquals("Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian"
        + " 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP"
        + " PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)", v.banner());
    assertEquals("6.1.0-56-amd64", v.release());
    // lib/dump_stack.c prints the version up to its first space, Debian appends its package.
    assertEquals("6.1.0-56-amd64 #1  Debian 6.1.192-2", v.dumpStackRelease());
  }

  @Test
  void sixOneThreadsReturnThroughRetFromForkWithoutPaddingSymbols() {
    String frames = String.join("\n", KernelVersion.DEFAULT.kthreadFrames());
    assertTrue(frames.contains(" kthread+0xda/0x100"));
    assertTrue(frames.contains(" ret_from_fork+0x22/0x30"));
    assertFalse(frames.contains("__pfx_"), "function padding came with 6.2");
    assertFalse(frames.contains("ret_from_fork_asm"), "the C ret_from_fork came with 6.6");
    String later = String.join("\n", KernelVersion.parse("6.6").kthreadFrames());
    assertTrue(later.contains(" ret_from_fork_asm+0x1b/0x30"));
    assertEquals("6.6.0-smpsim #1", KernelVersion.parse("6.6").dumpStackRelease());
  }

  @Test
  void aTwoSixMachineKeepsItsOwnBanner() {
    KernelVersion v = KernelVersion.parse("2.6.20");
    assertEquals("Linux version 2.6.20 (smpsim@smpsim) (gcc version 4.1.2) #1 SMP", v.banner());
    assertEquals("2.6.20 #1", v.dumpStackRelease());
  }
}

package io.smpsim.kernel.watchdog;

import io.smpsim.kernel.sysctl.NmiWatchdogMode;
import io.smpsim.kernel.sysctl.WatchdogBoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.kernel.KernelCmdline;
import io.smpsim.kernel.KernelVersion;
import org.junit.jupiter.api.Test;

/** The command-line parameters of the NMI and lockup machinery. */
class WatchdogBootTest {

  private static final KernelVersion V2_6 = KernelVersion.parse("2.6.20");

  private static WatchdogBoot boot(String cmdline) {
    return WatchdogBoot.parse(KernelCmdline.parse(cmdline), KernelVersion.DEFAULT);
  }

  private static WatchdogBoot boot26(String cmdline) {
    return WatchdogBoot.parse(KernelCmdline.parse(cmdline), V2_6);
  }

  @Test
  void withoutParametersTheMachineRunsTheModernDetectorsWithDefaults() {
    WatchdogBoot b = boot("console=ttyS0");
    assertEquals(NmiWatchdogMode.PERF, b.mode());
    assertTrue(b.hardUserEnabled() && b.softUserEnabled() && b.watchdogUserEnabled());
    assertEquals(10, b.thresh());
    assertFalse(b.hardlockupPanic() || b.softlockupPanic() || b.unknownNmiPanic());
  }

  @Test
  void onTwoSixNmiWatchdogOneAndTwoSelectTheArchWatchdogs() {
    // 2.6 arch/x86_64/kernel/nmi.c setup_nmi_watchdog(): "[panic,]N", N the mode.
    assertEquals(NmiWatchdogMode.IO_APIC, boot26("nmi_watchdog=1").mode());
    assertEquals(NmiWatchdogMode.LOCAL_APIC, boot26("nmi_watchdog=2").mode());
    assertFalse(boot26("nmi_watchdog=0").hardUserEnabled());
    assertTrue(boot26("nmi_watchdog=panic").hardlockupPanic());
    assertFalse(boot26("nmi_watchdog=panic nmi_watchdog=nopanic").hardlockupPanic(),
        "the last occurrence wins");
    WatchdogBoot p = boot26("nmi_watchdog=panic,2");
    assertTrue(p.hardlockupPanic());
    assertEquals(NmiWatchdogMode.LOCAL_APIC, p.mode());
    assertEquals(NmiWatchdogMode.PERF, boot26("nmi_watchdog=3").mode(), "3 is ignored");
  }

  @Test
  void onSixOneNmiWatchdogOnlySwitchesThePerfDetector() {
    // 6.1 kernel/watchdog.c hardlockup_panic_setup(): no modes, one strncmp() chain.
    WatchdogBoot one = boot("nmi_watchdog=1");
    assertEquals(NmiWatchdogMode.PERF, one.mode());
    assertTrue(one.hardUserEnabled());
    WatchdogBoot two = boot("nmi_watchdog=2");
    assertEquals(NmiWatchdogMode.PERF, two.mode(), "2 is not a mode");
    assertTrue(two.hardUserEnabled(), "2 changes nothing");
    assertFalse(boot("nmi_watchdog=0").hardUserEnabled());
    assertTrue(boot("nmi_watchdog=0 nmi_watchdog=1").hardUserEnabled(),
        "each occurrence is applied in order");
    assertFalse(boot("nmi_watchdog=1 nmi_watchdog=0").hardUserEnabled());
    assertTrue(boot("nmi_watchdog=panic").hardlockupPanic());
    assertFalse(boot("nmi_watchdog=panic nmi_watchdog=nopanic").hardlockupPanic());
    WatchdogBoot both = boot("nmi_watchdog=panic nmi_watchdog=0");
    assertTrue(both.hardlockupPanic() && !both.hardUserEnabled(),
        "panic and 0 from two occurrences both hold");
    WatchdogBoot list = boot("nmi_watchdog=panic,0");
    assertTrue(list.hardlockupPanic());
    assertTrue(list.hardUserEnabled(), "6.1 reads no comma list: ',0' is not seen");
  }

  @Test
  void kernelVersionsAreTheModelledOnes() {
    assertTrue(KernelVersion.parse("2.6.18").legacyNmiWatchdog());
    assertTrue(KernelVersion.parse("2.6.36").legacyNmiWatchdog());
    assertEquals(null, KernelVersion.parse("2.6.37"),
        "2.6.37 replaced the arch NMI watchdog by the perf one");
    assertFalse(KernelVersion.parse("6.1").legacyNmiWatchdog());
    assertFalse(KernelVersion.parse("6.1.192").legacyNmiWatchdog());
    assertEquals(null, KernelVersion.parse("5.10"));
    assertEquals(null, KernelVersion.parse("2.6"));
    assertEquals("6.1", KernelVersion.DEFAULT.text());
  }

  @Test
  void otherParametersAreReadAsTheKernelReadsThem() {
    WatchdogBoot b = boot("nowatchdog nosoftlockup watchdog_thresh=5 softlockup_panic=1"
        + " hardlockup_all_cpu_backtrace=1 softlockup_all_cpu_backtrace=1 unknown_nmi_panic"
        + " panic=-1 hpet=disable bogus=1");
    assertFalse(b.watchdogUserEnabled());
    assertFalse(b.softUserEnabled());
    assertEquals(5, b.thresh());
    assertTrue(b.softlockupPanic() && b.hardAllCpuBacktrace() && b.softAllCpuBacktrace());
    assertTrue(b.unknownNmiPanic() && b.hpetDisabled());
    assertEquals(-1, b.panicTimeout());
    assertEquals(10, boot("watchdog_thresh=abc").thresh(), "unparsable values are ignored");
    assertEquals(-5, boot("watchdog_thresh=-5").thresh(),
        "get_option() stores a negative value as given");
  }
}

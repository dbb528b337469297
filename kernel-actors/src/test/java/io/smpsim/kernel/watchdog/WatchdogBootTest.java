package io.smpsim.kernel.watchdog;

import io.smpsim.kernel.sysctl.NmiWatchdogMode;
import io.smpsim.kernel.sysctl.WatchdogBoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.kernel.KernelCmdline;
import org.junit.jupiter.api.Test;

/** The command-line parameters of the NMI and lockup machinery. */
class WatchdogBootTest {

  private static WatchdogBoot boot(String cmdline) {
    return WatchdogBoot.parse(KernelCmdline.parse(cmdline));
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
  void nmiWatchdogSelectsLegacyModesOrSwitchesThePerfDetector() {
    assertEquals(NmiWatchdogMode.IO_APIC, boot("nmi_watchdog=1").mode());
    assertEquals(NmiWatchdogMode.LOCAL_APIC, boot("nmi_watchdog=2").mode());
    assertFalse(boot("nmi_watchdog=0").hardUserEnabled());
    assertTrue(boot("nmi_watchdog=panic").hardlockupPanic());
    assertFalse(boot("nmi_watchdog=panic nmi_watchdog=nopanic").hardlockupPanic(),
        "the last occurrence wins");
    WatchdogBoot p = boot("nmi_watchdog=panic,2");
    assertTrue(p.hardlockupPanic());
    assertEquals(NmiWatchdogMode.LOCAL_APIC, p.mode());
    assertEquals(NmiWatchdogMode.PERF, boot("nmi_watchdog=3").mode(), "3 is ignored");
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

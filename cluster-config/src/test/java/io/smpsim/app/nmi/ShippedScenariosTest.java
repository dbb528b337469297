package io.smpsim.app.nmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.run.ScenarioRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each NMI/lockup scenario of scenarios/ prints the kernel's lines at its key moment, at the
 * time the kernel's rules give. (dynticks-idle.conf runs one simulated minute here instead of
 * its hour: the full run takes minutes of wall time, see the README.)
 */
class ShippedScenariosTest {

  private static final long S = 1_000_000_000L;

  @Test
  void hardlockupOnCpu3IsReportedOnceWithinTwiceWatchdogThreshOfTheHang() {
    ScenarioRun r = ScenarioRun.alone("hardlockup.conf", null);
    List<String> reports = r.lines("m0", "hard LOCKUP");
    // The perf NMI counts unhalted cycles: the nine interrupts of the keyboard's probe at boot,
    // whose IRQ 1 the vector matrix put on CPU 3, woke it from HLT for 2 us each, and so did
    // the tick the first one's entropy mix timer (drivers/char/random.c) woke it for, and the
    // wake-up of its stopper by mtrr_aps_init()'s stop_machine() at the end of smp_init(), so
    // its period ends 22 us before the 10 s multiple.
    assertEquals(List.of("[   24.999788] watchdog: Watchdog detected hard LOCKUP on cpu 3"),
        reports);
    long t = r.firstTime("m0", "hard LOCKUP on cpu 3");
    assertTrue(t > 5 * S && t <= 25 * S, "detected at " + t + " ns, hang at 5 s, thresh 10 s");
    // Then RCU's stall detector: CPU 0 reports the grace period CPU 3 holds up (21 s after it
    // began, the jiffy after 5 s, plus RCU_STALL_RAT_DELAY) and NMIs it for its backtrace.
    String release = " 6.1.0-56-amd64 #1  Debian 6.1.192-2";
    assertEquals(List.of("[   24.999788] CPU: 3 PID: 196 Comm: hardlockup/3 Not tainted" + release,
        "[   26.012000] CPU: 3 PID: 196 Comm: hardlockup/3 Not tainted" + release),
        r.lines("m0", "CPU: 3 PID"));
    assertEquals(List.of("[   26.012000] Sending NMI from CPU 0 to CPUs 3:"),
        r.lines("m0", "Sending NMI"));
    assertTrue(r.lines("m0", "soft lockup").isEmpty(), "the hrtimer cannot run: no soft report");
    assertTrue(r.panicked().isEmpty());
    String interrupts = r.command("m0", "cat /proc/interrupts").stdout();
    // Three perf NMIs until the hard lockup was reported, then RCU's backtrace NMI.
    assertTrue(interrupts.contains("NMI:          0          0          0          4"),
        interrupts);
  }

  @Test
  void softlockupReportsHowLongTheCpuHasBeenStuck() {
    ScenarioRun r = ScenarioRun.alone("softlockup.conf", null);
    // The spin takes CPU 2 from NO_HZ idle at 5 s (kernel/time/tick-sched.c
    // tick_nohz_restart_sched_tick touches the watchdog): the period restarts at the 8.5 s
    // timer, the report comes six 4 s periods later, the stopper's 4.5 s touch is 26 units old.
    assertEquals(List.of("[   32.522022] watchdog: BUG: soft lockup - CPU#2 stuck for 26s!"
        + " [softlockup/2:148]"), r.lines("m0", "soft lockup"));
    assertTrue(r.lines("m0", "hard LOCKUP").isEmpty());
    assertEquals("16384\n", r.command("m0", "cat /proc/sys/kernel/tainted").stdout());
  }

  @Test
  void theLegacyAlertCounterReportsALockupUnlessItIsResetEveryTick() {
    ScenarioRun r = ScenarioRun.alone("legacy-alert-counter.conf", null);
    assertEquals(List.of("[   10.000569] NMI Watchdog detected LOCKUP on CPU 1"),
        r.lines("m0", "LOCKUP"));
    assertEquals(List.of("[   10.000569] CPU 1 "), r.lines("m0", "CPU 1 "));
    assertTrue(r.lines("m1", "LOCKUP").isEmpty(), "alert-counter-reset: never reported");
  }

  @Test
  void idleDynticksCpusRaiseNoLockupUnderEitherDetector() {
    ScenarioRun r = ScenarioRun.alone("dynticks-idle.conf", 60 * S);
    for (String m : List.of("legacy", "modern")) {
      assertTrue(r.lines(m, "LOCKUP").isEmpty(), m + ": " + r.lines(m, "LOCKUP"));
      assertTrue(r.lines(m, "lockup").isEmpty(), m);
    }
    assertEquals(List.of("[    0.520000] NMI watchdog: Enabled. Permanently consumes one hw-PMU"
        + " counter."), r.lines("modern", "NMI watchdog"));
    assertTrue(r.panicked().isEmpty());
  }

  @Test
  void withoutCountingPitAndHpetTheIdleCpusLookLockedUp() {
    ScenarioRun r = ScenarioRun.alone("dynticks-idle-quirk.conf", 8 * S);
    assertEquals(List.of("[    5.940089] NMI Watchdog detected LOCKUP on CPU 1"),
        r.lines("m0", "LOCKUP"));
    assertEquals("[    5.940090] Kernel panic - not syncing: Attempted to kill the idle task!",
        r.lines("m0", "Kernel panic").get(0));
    assertEquals("---[ end Kernel panic - not syncing: Attempted to kill the idle task! ]---",
        r.lastText("m0"));
    assertEquals(List.of("m0"), r.panicked());
  }

  @Test
  void anUnknownNmiIsReportedOrClaimedByADebuggerOrPanics() {
    ScenarioRun r = ScenarioRun.alone("unknown-nmi.conf", null);
    assertEquals(List.of(
        "[    3.000000] Uhhuh. NMI received for unknown reason 00 on CPU 5.",
        "[    3.000000] Dazed and confused, but trying to continue"),
        List.of(r.lines("m0", "Uhhuh").get(0), r.lines("m0", "Dazed").get(0)));
    assertEquals(1, r.lines("m0", "Uhhuh").size(), "the debugger claims the second one");
    assertTrue(r.command("m0", "grep NMI: /proc/interrupts").stdout().startsWith(
        "NMI:          0          0          0          0          0          2"));
    assertEquals("[    3.000000] Kernel panic - not syncing: NMI: Not continuing",
        r.lines("m1", "Kernel panic").get(0));
    assertTrue(r.lines("m1", "Dazed").isEmpty());
    assertEquals(List.of("m1"), r.panicked());
  }

  @Test
  void chipsetSerrAndIochkAreReportedWithTheirReason() {
    ScenarioRun r = ScenarioRun.alone("serr.conf", null);
    assertEquals(List.of("[    3.000000] NMI: PCI system error (SERR) for reason 80 on CPU 0."),
        r.lines("m0", "SERR"));
    assertEquals(List.of("[    3.000000] Dazed and confused, but trying to continue"),
        r.lines("m0", "Dazed"));
    // SERR stays cleared and disabled (port 0x61 bit 2), and shows in the IOCHK reason.
    assertEquals(List.of(
        "[    6.000000] NMI: IOCK error (debug interrupt?) for reason 44 on CPU 0."),
        r.lines("m0", "IOCK"));
    assertTrue(r.command("m0", "grep NMI: /proc/interrupts").stdout().startsWith(
        "NMI:          2          0"));
  }

  @Test
  void anNmiDuringAcpiIniHangsTheBootUnlessTheKernelMasksThem() {
    ScenarioRun r = ScenarioRun.alone("acpi-ini-nmi.conf", null);
    assertEquals("ACPI: 1 ACPI AML tables successfully acquired and loaded", r.lastText("m0"));
    assertTrue(r.lines("m0", "Run /init").isEmpty(), "m0 never finishes booting");
    assertEquals(List.of("[    0.250000] activating NMI Watchdog ... done."),
        r.lines("m1", "activating NMI Watchdog"));
    assertEquals(List.of("[    0.727013] ACPI: Interpreter enabled"),
        r.lines("m1", "Interpreter enabled"));
    assertEquals("Run /init as init process", r.lastText("m1"));
  }
}

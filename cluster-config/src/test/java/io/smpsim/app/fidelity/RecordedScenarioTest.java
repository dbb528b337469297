package io.smpsim.app.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenario derived from a recording runs its commands on a machine like its own. */
class RecordedScenarioTest {

  private static final String RECORDING = String.join("\n",
      "# oracle/kernel result: x",
      "+0002.343| [    0.000000] tsc: Detected 2599.990 MHz processor",
      "+0002.630| [    0.541896] smpboot: CPU0: AMD QEMU Virtual CPU version 2.5+ (family: 0xf,"
          + " model: 0x6b, stepping: 0x1)",
      "+0004.831| @@INIT_START",
      "+0004.927| @@CMDLINE console=ttyS0 nmi_watchdog=1 watchdog_thresh=10 panic=-1 exp=x",
      "+0004.940| @@UPTIME_AT_INIT 2.27 8.14",
      "+0004.958| @@CPUS online=0-3 possible=0-3 present=0-3 nproc=4",
      "+0004.970| $ cat /proc/sys/kernel/watchdog",
      "+0004.988| 1",
      "+0004.995| [rc=0]",
      "+0005.020| @@SYSRQ_L_BUSY",
      "+0005.049| $ insmod /lockup_test.ko cpu=1 secs=50 mode=0",
      "+0005.066| [    2.426716] lockup_test: cpu 1: spinning 50 s with preemption disabled",
      "+0005.068| [rc=0]",
      "+0055.077| $ sleep 5",
      "+0060.076| [rc=0]",
      "+0060.077| $ rmmod lockup_test",
      "+0060.124| [rc=0]",
      "+0060.126| $ echo \"a\\b\" > /proc/sys/kernel/watchdog_thresh",
      "+0060.127| sh: write error: Invalid argument",
      "+0060.128| [rc=1]",
      "+0060.885| @@DMESG_BEGIN",
      "+0060.886| [    0.000000] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org)"
          + " #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)",
      "+0060.886| [    0.000000] tsc: Detected 2599.990 MHz processor",
      "+0060.887| [    0.541896] smpboot: CPU0: AMD QEMU Virtual CPU version 2.5+ (family: 0xf,"
          + " model: 0x6b, stepping: 0x1)",
      "+0060.887| [    1.704224] rtc_cmos 00:05: setting system clock to 2026-11-22T01:37:35 UTC"
          + " (1795311455)",
      "+0060.956| @@DMESG_END", "");

  @Test
  void theRecordedCommandsRunAtTheGuestsUptimeOnALikeMachine() {
    Recording r = Recording.parse("x", RECORDING);
    assertEquals(new Recording.Init("console=ttyS0 nmi_watchdog=1 watchdog_thresh=10 panic=-1"
        + " exp=x", 4, 4831L - 2270L, 60885L), r.init());
    Scenario sc = new ScenarioLoader().load(RecordedScenario.text(r), "derived", null, null);
    MachineConfig m = sc.machines().get(0);
    assertEquals(4, m.cpus());
    assertEquals(250, m.hz());
    assertEquals("console=ttyS0 nmi_watchdog=1 watchdog_thresh=10 panic=-1 exp=x", m.cmdline(),
        "the exact command line: on the recorded 6.1 nmi_watchdog=1 is the perf detector on");
    assertEquals("6.1", m.kernel().text());
    assertFalse(m.pmu(), "the recorded boot shows no perf NMI watchdog counter");
    assertEquals(1795311455L, m.rtcSec(), "the RTC as the recorded kernel's rtc_hctosys read it");
    Recording withPmu = Recording.parse("y", RECORDING.replace("+0060.956| @@DMESG_END",
        "+0060.950| [    0.500000] " + RecordedScenario.PMU_USED + "\n+0060.956| @@DMESG_END"));
    assertTrue(new ScenarioLoader().load(RecordedScenario.text(withPmu), "derived", null, null)
        .machines().get(0).pmu());
    assertEquals("AMD QEMU Virtual CPU version 2.5+", m.cpuModel());
    assertEquals(2_599_990, m.cpuKhz());
    // Guest uptime = host time - (INIT_START - UPTIME_AT_INIT); the module load is the
    // injection, its unload and the script's sleep nothing; the script's busy phase, which the
    // console shows only as its marker, starts its two background busy loops.
    assertEquals(List.of("2409:cat /proc/sys/kernel/watchdog",
        "2459:taskset -c 1 sh -c 'while :; do :; done' &",
        "2459:taskset -c 2 sh -c 'while :; do :; done' &",
        "2488:inject softlockup cpu 1 for 50s",
        "57565:echo \"a\\b\" > /proc/sys/kernel/watchdog_thresh"),
        sc.timeline().stream().map(RecordedScenarioTest::describe).toList());
    // The recorded exit statuses are what the replay expects of each command.
    assertEquals(List.of(0, 0, 0, 0, 1),
        sc.expected().stream().map(e -> e.exit()).toList());
    assertEquals(60_885L - 2_561L + 2_000L, sc.durationNs() / 1_000_000);
  }

  /**
   * A recording whose machine hung in a command until the recorder's timeout killed QEMU (exit
   * status 124): the command has no exit status and is replayed without an expectation, the
   * scenario runs on to the kill, and with no dmesg section the console is the kernel log, its
   * first line read from behind the firmware's text it was glued to.
   */
  @Test
  void aRecordingThatEndsInAHangReplaysTheHungCommandToTheTimeout() {
    String hung = String.join("\n",
        "# exit status       : 124 (124 = killed by timeout)",
        "# host wall/user/sys: 90.01 s / 7.95 s / 0.65 s (whole qemu process)",
        "+0003.356| Probing EDD (edd=off to disable)... o[    0.000000] Linux version 6.1.0-56",
        "+0003.357| [    0.000000] smpboot: Allowing 8 CPUs, 0 hotplug CPUs",
        "+0006.709| @@INIT_START",
        "+0006.710| @@UPTIME_AT_INIT 3.20 9.00",
        "+0006.746| $ echo mem > /sys/power/state",
        "+0006.751| [    3.527150] PM: suspend entry (s2idle)",
        "+0006.763| [    3.544649] printk: Suspending console(s) (use no_console_suspend to debug)",
        "");
    Recording r = Recording.parse("h", hung);
    assertTrue(r.consoleOnly());
    assertEquals(List.of("Linux version 6.1.0-56", "smpboot: Allowing 8 CPUs, 0 hotplug CPUs",
        "PM: suspend entry (s2idle)",
        "printk: Suspending console(s) (use no_console_suspend to debug)"), r.dmesg());
    assertEquals(List.of(new Recording.RecordedCommand("echo mem > /sys/power/state", List.of(),
        null, 6746)), r.commands());
    assertEquals(90_010L, r.init().endHostMs());
    Scenario sc = new ScenarioLoader().load(RecordedScenario.text(r), "derived", null, null);
    assertEquals(List.of("3237:echo mem > /sys/power/state"),
        sc.timeline().stream().map(RecordedScenarioTest::describe).toList());
    assertEquals(0, sc.expected().get(0).exit(), "no recorded status, none expected (the default)");
    assertEquals(90_010L - 3_509L + 2_000L, sc.durationNs() / 1_000_000);
  }

  private static String describe(TimelineCommand c) {
    return c.atNs() / 1_000_000 + ":" + c.line();
  }
}

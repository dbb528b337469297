package io.smpsim.app.nmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.run.ScenarioRun;
import io.smpsim.kernel.shell.CommandResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CPU hotplug and suspend/resume scenarios of scenarios/ print the kernel's lines and give
 * the kernel's answers (formats and errors as the recorded 6.1 kernel of
 * fidelity/real-kernel/c_hotplug_smp8.txt).
 */
class HotplugScenariosTest {

  private static final long S = 1_000_000_000L;

  private static List<String> outputs(ScenarioRun r, String machine, String line) {
    return r.commands().stream().filter(c -> c.machine().equals(machine) && c.line().equals(line))
        .map(c -> c.exit() + ":" + c.stdout() + c.stderr()).toList();
  }

  @Test
  void sysfsHotplugTakesCpusDownAndBringsThemBackAsLinuxDoes() {
    ScenarioRun r = ScenarioRun.alone("hotplug.conf", null);
    assertEquals(List.of("[    2.500000] smpboot: CPU 3 is now offline",
        "[    2.500001] smpboot: CPU 5 is now offline"),
        r.lines("m0", "now offline").subList(0, 2));
    assertEquals(List.of("0:0-7\n", "0:0-2,4,6-7\n", "0:0,2,4,6-7\n", "0:0-2,4,6-7\n", "0:0\n",
        "0:0-7\n"), outputs(r, "m0", "cat /sys/devices/system/cpu/online"));
    assertEquals(List.of("0:\n", "0:3,5\n", "0:1-7\n", "0:\n"),
        outputs(r, "m0", "cat /sys/devices/system/cpu/offline"));
    assertEquals("0-7\n", r.command("m0", "cat /sys/devices/system/cpu/possible").stdout());
    assertEquals("0-7\n", r.command("m0", "cat /sys/devices/system/cpu/present").stdout());
    assertEquals("0\n", r.command("m0", "cat /sys/devices/system/cpu/cpu3/online").stdout());
    // The hotplug state machine's position: CPUHP_ONLINE (236 in the recorded kernel) or 0.
    assertEquals("236\n",
        r.command("m0", "cat /sys/devices/system/cpu/cpu1/hotplug/state").stdout());
    assertEquals("0\n",
        r.command("m0", "cat /sys/devices/system/cpu/cpu3/hotplug/state").stdout());
    String states = r.command("m0", "cat /sys/devices/system/cpu/hotplug/states").stdout();
    assertTrue(states.startsWith("  0: offline\n  1: threads:prepare\n")
        && states.endsWith("236: online\n"), states);
    assertEquals(List.of("0:6\n", "0:1\n", "0:8\n"), outputs(r, "m0", "nproc"));
    // An all-CPU backtrace targets the online CPUs only: none waits for an offline one.
    assertEquals(List.of("[    2.650000] Sending NMI from CPU 0 to CPUs 1-2,4,6-7:"),
        r.lines("m0", "Sending NMI"));
    assertEquals(1 + 5, r.lines("m0", "NMI backtrace for cpu").size(), "CPU 0 and 5 others");
    assertTrue(r.lines("m0", "NMI backtrace for cpu 3").isEmpty()
        && r.lines("m0", "NMI backtrace for cpu 5").isEmpty());
    // Writing the current state is a no-op success; kstrtobool refuses the rest.
    assertEquals(0, r.command("m0", "echo 0 > /sys/devices/system/cpu/cpu3/online").exit());
    for (String bad : List.of("echo 2", "echo -1", "echo abc", "echo")) {
      CommandResult c = r.command("m0", bad + " > /sys/devices/system/cpu/cpu1/online");
      assertEquals(1, c.exit(), bad);
      assertEquals("sh: write error: Invalid argument\n", c.stderr(), bad);
    }
    assertEquals(0, r.command("m0", "echo 10 > /sys/devices/system/cpu/cpu1/online").exit());
    // on/off spellings; CPU 1 announces the SMP configuration again, as 6.1 does.
    assertEquals(List.of("[    2.800001] x86: Booting SMP configuration:",
        "[    2.800001] smpboot: Booting Node 0 Processor 1 APIC 0x1"),
        r.lines("m0", "Booting").subList(1, 3));
    assertEquals("1:cat: can't open '/sys/devices/system/cpu/cpu0/online': No such file or"
        + " directory\n", outputs(r, "m0", "cat /sys/devices/system/cpu/cpu0/online").get(0));
    assertEquals("sh: can't create /sys/devices/system/cpu/cpu0/online: Permission denied\n",
        r.command("m0", "echo 0 > /sys/devices/system/cpu/cpu0/online").stderr());
    assertEquals("sh: can't create /sys/devices/system/cpu/cpu8/online: nonexistent directory\n",
        r.command("m0", "echo 1 > /sys/devices/system/cpu/cpu8/online").stderr());
    // Offline CPUs vanish from /proc/interrupts.
    assertTrue(r.command("m0", "cat /proc/interrupts").stdout().startsWith(
        "           CPU0       \n"));
    // All APs back at 33 s, in order, each with its APIC id.
    List<String> back = r.lines("m0", "smpboot: Booting Node 0 Processor");
    assertEquals(2 + 7, back.size());
    assertTrue(back.get(8).endsWith("smpboot: Booting Node 0 Processor 7 APIC 0x7"), back.get(8));
    assertTrue(r.firstTime("m0", "Processor 7 APIC") > 33 * S);
    // 30 s offline then back: no lockup report about an offline CPU, none stale after.
    assertTrue(r.lines("m0", "lockup").isEmpty() && r.lines("m0", "LOCKUP").isEmpty());

    // cpu0_hotplug: the boot CPU goes; rtc0's interrupt now arrives on CPU 1.
    assertEquals(List.of("[    2.000000] smpboot: CPU 0 is now offline"),
        r.lines("m1", "now offline"));
    assertEquals("sh: write error: Device or resource busy\n",
        r.command("m1", "echo 0 > /sys/devices/system/cpu/cpu1/online").stderr());
    String irqs = r.command("m1", "cat /proc/interrupts").stdout();
    assertTrue(irqs.startsWith("           CPU1       \n"), irqs);
    assertTrue(irqs.contains("  8:          1   IO-APIC   8-edge      rtc0"), irqs);
    assertEquals(List.of("0:1\n", "0:0-1\n"),
        outputs(r, "m1", "cat /sys/devices/system/cpu/online"));
    assertEquals(List.of("[    5.000000] smpboot: Booting Node 0 Processor 0 APIC 0x0"),
        r.lines("m1", "Booting Node"));
  }

  @Test
  void suspendToRamRunsTheKernelsOrderAndResumesOnTheRtcAlarm() {
    ScenarioRun r = ScenarioRun.alone("suspend-resume.conf", 60 * S);
    assertEquals("freeze mem disk\n", r.command("m0", "cat /sys/power/state").stdout());
    assertEquals("s2idle [deep]\n", outputs(r, "m0", "cat /sys/power/mem_sleep").get(0)
        .substring(2));
    List<String> texts = r.texts("m0").stream()
        .filter(t -> !t.contains("smpboot: CPU") && !t.startsWith("smpboot: Booting")
            && !t.matches("CPU\\d is up"))
        .dropWhile(t -> !t.startsWith("PM: suspend entry (deep)"))
        .takeWhile(t -> !t.equals("PM: suspend exit")).toList();
    assertEquals(List.of("PM: suspend entry (deep)", "Filesystems sync: 0.002 seconds",
        // kernel/power/process.c (the 6.1 build): a start and a "completed" line per freeze.
        "Freezing user space processes",
        "Freezing user space processes completed (elapsed 0.001 seconds)",
        "OOM killer disabled.",
        "Freezing remaining freezable tasks",
        "Freezing remaining freezable tasks completed (elapsed 0.001 seconds)",
        "printk: Suspending console(s) (use no_console_suspend to debug)",
        "ACPI: PM: Preparing to enter system sleep state S3",
        "ACPI: PM: Saving platform NVS memory", "Disabling non-boot CPUs ...",
        "ACPI: PM: Low-level resume complete", "ACPI: PM: Restoring platform NVS memory",
        "Enabling non-boot CPUs ...", "x86: Booting SMP configuration:",
        "ACPI: PM: Waking up from system sleep state S3",
        // The firmware's resume reset the PIIX3: the PCI resume fixup sets Passive Release.
        "pci 0000:00:01.0: PIIX3: Enabling Passive Release", "OOM killer enabled.",
        "Restarting tasks ... done."), texts);
    List<String> down = r.lines("m0", "is now offline");
    assertEquals(7, down.size());
    assertTrue(down.get(0).endsWith("smpboot: CPU 1 is now offline"));
    assertTrue(down.get(6).endsWith("smpboot: CPU 7 is now offline"));
    assertEquals(7, r.lines("m0", "smpboot: Booting Node 0 Processor").size());
    assertEquals(7, r.logs().get("m0").stream().filter(l -> l.text().matches("CPU\\d is up"))
        .count());
    // The sleep lasts until the RTC alarm, 30 s later in simulated time; the printk clock
    // (sched_clock, restored to go on from where the TSC stopped) does not count it.
    assertEquals("35\n", r.command("m0", "cat /sys/class/rtc/rtc0/wakealarm").stdout());
    assertTrue(r.firstTime("m0", "Low-level resume complete")
        - r.firstTime("m0", "Saving platform NVS memory") < 10_000_000L);
    assertEquals("0-7\n", r.command("m0", "cat /sys/devices/system/cpu/online").stdout());
    // The senders were frozen and the NIC's queues stopped for the 30 s: 8 s of sending at
    // 10 Mbit/s (2-5 s and 35-40 s), and never an EAGAIN.
    assertEquals("eth0 tx udp flows 4 rate 10Mbit size 1000: sent 9592 pkts 9994864 bytes,"
        + " eagain 0, failed 0, running\n", r.command("m0", "traffic show").stdout());
    assertTrue(r.lines("m0", "lockup").isEmpty() && r.lines("m0", "LOCKUP").isEmpty());
    // s2idle at 41 s (printed 30 s earlier: the S3 sleep is not on the printk clock): no CPU
    // goes down, inject wakeup at 50 s ends it, and the TSC, so the printk clock, ran on.
    assertEquals(1, r.lines("m0", "entry (s2idle)").size());
    List<Long> exits = r.logs().get("m0").stream()
        .filter(l -> l.text().equals("PM: suspend exit")).map(l -> l.timeNs()).toList();
    assertEquals(2, exits.size());
    long s2idle = r.firstTime("m0", "entry (s2idle)");
    assertTrue(s2idle > 6 * S && s2idle < 12 * S, "41 s less the 30 s of S3: " + s2idle);
    assertTrue(exits.get(1) - s2idle > 9 * S, "the s2idle sleep is on the printk clock");
    assertEquals(1, r.command("m0", "echo standby > /sys/power/state").exit());
    assertEquals("sh: write error: Invalid argument\n",
        r.command("m0", "echo shallow > /sys/power/mem_sleep").stderr());
    assertEquals("[s2idle] deep\n", outputs(r, "m0", "cat /sys/power/mem_sleep").get(1)
        .substring(2));
  }

  @Test
  void aResumeBusywaitIsAFalseLockupOnlyWithoutTheWatchdogTouch() {
    ScenarioRun r = ScenarioRun.alone("resume-busywait.conf", 20 * S);
    assertTrue(r.lines("m0", "LOCKUP").isEmpty(), r.lines("m0", "LOCKUP").toString());
    List<String> m1 = r.lines("m1", "LOCKUP");
    assertEquals(List.of("[    9.014034] NMI Watchdog detected LOCKUP on CPU 0"), m1);
    assertTrue(r.lines("m1", "RIP:").get(0).endsWith("ide_wait_not_busy+0x3a/0x80"));
    long resumed = r.firstTime("m1", "Waking up from system sleep state S3");
    assertTrue(r.firstTime("m1", "LOCKUP") > resumed);
    for (String m : List.of("m0", "m1")) {
      assertEquals(1, r.lines(m, "PM: suspend exit").size(), m);
    }
    assertTrue(r.panicked().isEmpty());
  }

  @Test
  void allApsOfA4096CpuMachineGoOfflineAndComeBack() {
    ScenarioRun r = ScenarioRun.alone("hotplug-4096.conf", null);
    assertEquals(4095, r.lines("m0", "is now offline").size());
    assertEquals(4095, r.lines("m0", "smpboot: Booting Node 0 Processor").size());
    assertTrue(r.lines("m0", "CPU 4095 is now offline").get(0)
        .endsWith("smpboot: CPU 4095 is now offline"));
    assertTrue(r.lines("m0", "Processor 4095 APIC").get(0)
        .endsWith("smpboot: Booting Node 0 Processor 4095 APIC 0xfff"));
    assertEquals(List.of("0:0\n", "0:0-4095\n"),
        outputs(r, "m0", "cat /sys/devices/system/cpu/online"));
    assertEquals("1-4095\n", r.command("m0", "cat /sys/devices/system/cpu/offline").stdout());
    assertEquals(List.of("0:1\n", "0:4096\n"), outputs(r, "m0", "nproc"));
    long fails = r.commands().stream().filter(c -> c.exit() != 0).count();
    assertEquals(0, fails);
  }

  /**
   * kernel/power/main.c pm_wakeup_irq_show(): ENODATA (busybox: "cat: read error") until a
   * wake-armed IRQ wakes the machine. S3 is left by the firmware (no IRQ); an s2idle wake-up
   * comes through the ACPI SCI (IRQ 9), armed by acpi_s2idle_prepare(); freeze_processes()
   * clears it again (pm_wakeup_clear(0)).
   */
  @Test
  void pmWakeupIrqNamesTheSciAfterS2idleAndNothingAfterS3(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    ScenarioRun r = ScenarioRun.alone(dir, "wakeup-irq.conf", """
        seed = 1
        duration = 30s
        machines = [ { name = m0, cpus = 2, hz = 250, kernel = "6.1", cmdline = "console=ttyS0" } ]
        timeline = [
          { at = 2s, run = "cat /sys/power/pm_wakeup_irq", expect = fail }
          { at = 2s, run = "echo +2 > /sys/class/rtc/rtc0/wakealarm" }
          { at = 2s, run = "echo mem > /sys/power/state" }
          { at = 8s, run = "cat /sys/power/pm_wakeup_irq", expect = fail }
          { at = 9s, run = "echo freeze > /sys/power/state" }
          { at = 12s, run = "inject wakeup" }
          { at = 14s, run = "cat /sys/power/pm_wakeup_irq" }
          { at = 15s, run = "echo 1 > /sys/power/pm_wakeup_irq", expect = fail }
        ]
        """);
    assertEquals(List.of("1:cat: read error: No data available\n",
        "1:cat: read error: No data available\n", "0:9\n"),
        outputs(r, "m0", "cat /sys/power/pm_wakeup_irq"));
    assertEquals("sh: can't create /sys/power/pm_wakeup_irq: Permission denied\n",
        r.command("m0", "echo 1 > /sys/power/pm_wakeup_irq").stderr());
  }

  /**
   * With pm_debug_messages, 6.1 prints each device phase's time (drivers/base/power/main.c
   * dpm_show_time()) where suspend_devices_and_enter() and suspend_enter() run the phases:
   * devices, late and noirq before the platform, syscore's check after the APs are down, and
   * on the way back noirq and early after the platform's wake, then the devices' resume.
   */
  @Test
  void pmDebugMessagesShowEachDevicePhaseInSuspendOrder(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    ScenarioRun r = ScenarioRun.alone(dir, "pm-debug.conf", """
        seed = 1
        duration = 10s
        machines = [ { name = m0, cpus = 2, hz = 250, kernel = "6.1", cmdline = "console=ttyS0" } ]
        timeline = [
          { at = 2s, run = "echo 1 > /sys/power/pm_debug_messages" }
          { at = 2s, run = "echo +2 > /sys/class/rtc/rtc0/wakealarm" }
          { at = 2s, run = "echo mem > /sys/power/state" }
        ]
        """);
    List<String> pm = r.texts("m0").stream()
        .filter(t -> t.startsWith("PM: ") || t.startsWith("ACPI: PM: ")
            || t.startsWith("Disabling") || t.startsWith("Enabling")
            || t.startsWith("Checking wakeup") || t.startsWith("Timekeeping"))
        .filter(t -> !t.startsWith("PM: hibernation") && !t.startsWith("ACPI: PM: (supports"))
        .map(t -> t.replaceAll("\\d+\\.\\d+ (msecs|seconds)", "N $1")).toList();
    assertEquals(List.of("PM: suspend entry (deep)", "PM: Preparing system for sleep (deep)",
        "PM: Suspending system (deep)", "PM: suspend of devices complete after N msecs",
        "PM: start suspend of devices complete after N msecs",
        "PM: late suspend of devices complete after N msecs",
        "PM: noirq suspend of devices complete after N msecs",
        "ACPI: PM: Preparing to enter system sleep state S3",
        "ACPI: PM: Saving platform NVS memory", "Disabling non-boot CPUs ...",
        // syscore.c and timekeeping_debug.c have no pr_fmt: no "PM: ".
        "Checking wakeup interrupts", "ACPI: PM: Low-level resume complete",
        "ACPI: PM: Restoring platform NVS memory", "Timekeeping suspended for N seconds",
        "Enabling non-boot CPUs ...", "ACPI: PM: Waking up from system sleep state S3",
        "PM: noirq resume of devices complete after N msecs",
        "PM: early resume of devices complete after N msecs",
        "PM: resume of devices complete after N msecs", "PM: Finishing wakeup.",
        "PM: suspend exit"), pm);
  }
}

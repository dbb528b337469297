package io.smpsim.kernel.power;

import io.smpsim.kernel.JobAsker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.linux.LinuxWorld;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.net.Netns;
import io.smpsim.kernel.core.Errno;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.kernel.testing.MiniWorld;
import io.smpsim.sim.Address;
import io.smpsim.sim.SimMessage;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PM core alone: the test plays CPU hotplug and the boot CPU. */
class SuspendResumeTest {

  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;

  private MiniWorld w;
  private int pm;

  @BeforeEach
  void setUp() {
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true, "console=ttyS0", "Test CPU",
        3_000_000, HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
    LinuxWorld world = new LinuxWorld(List.of(m), List.of());
    pm = world.layout(0).id(MachineLayout.Slot.POWER);
    w = new MiniWorld(world, 1, 100, pm);
  }

  /** Injects {@code msg} at {@code at}, runs to {@code until}; returns what left the PM core. */
  private List<SimMessage> run(long at, CpuHotplug.FreezeAsker msg, long until) {
    if (msg != null) {
      w.inject(at, pm, msg);
    }
    w.runUntil(until);
    return w.sentSinceLastLook();
  }

  private static Sysctl.Answer answer(List<SimMessage> out, long job) {
    for (SimMessage m : out) {
      if (m instanceof JobAsker.Answer r && r.job() == job && r.body() instanceof Sysctl.Answer a) {
        return a;
      }
    }
    return null;
  }

  @Test
  void suspendToRamRunsInTheKernelsOrderAndResumesInReverse() {
    List<SimMessage> out = run(S, new SuspendResume.Write(5, SuspendResume.WAKEALARM, "+10\n", 0),
        S + MS);
    assertEquals(null, answer(out, 5).error());
    out = run(S + MS, new SuspendResume.Write(6, SuspendResume.STATE, "mem\n", 120), 2 * S);
    assertEquals(List.of("PM: suspend entry (deep)", "Filesystems sync: 0.002 seconds",
        // kernel/power/process.c (the 6.1 build): a start and a "completed" line per freeze.
        "Freezing user space processes",
        "Freezing user space processes completed (elapsed 0.001 seconds)",
        "OOM killer disabled.",
        "Freezing remaining freezable tasks",
        "Freezing remaining freezable tasks completed (elapsed 0.001 seconds)",
        "printk: Suspending console(s) (use no_console_suspend to debug)",
        "ACPI: PM: Preparing to enter system sleep state S3",
        "ACPI: PM: Saving platform NVS memory"), MiniWorld.logText(out));
    // Hotplug is disabled for user space before the tasks freeze; the NICs detach; then the
    // CPUs go down through hotplug. No answer yet: the writer sleeps with the machine.
    int disable = out.indexOf(new CpuHotplug.SetDisabled(true));
    int nics = out.indexOf(new Netns.DeviceSuspend(true));
    int freeze = out.indexOf(new CpuHotplug.Freeze(Address.of(pm)));
    int tasks = out.indexOf(new Netns.TasksFrozen(true));
    assertTrue(disable >= 0 && disable < tasks && tasks < nics && nics < freeze,
        out.toString());
    assertEquals(null, answer(out, 6));
    // A second transition while this one runs: EBUSY.
    out = run(2 * S, new SuspendResume.Write(7, SuspendResume.STATE, "mem\n", 121), 2 * S + MS);
    assertEquals(Errno.EBUSY, answer(out, 7).error());
    out = run(2 * S + MS, new CpuHotplug.CpusFrozen(0), 3 * S);
    assertEquals(List.of(new PowerMail.SyscoreSuspend()), out);
    // Asleep until the alarm at 11 s (RTC seconds: 1 + 10).
    out = run(0, null, 11 * S - 1);
    assertTrue(out.isEmpty(), out.toString());
    out = run(0, null, 11 * S + 2 * MS);
    assertTrue(out.contains(new PowerMail.SyscoreResume()), out.toString());
    assertEquals(List.of("ACPI: PM: Low-level resume complete",
        "ACPI: PM: Restoring platform NVS memory"), MiniWorld.logText(out));
    assertTrue(out.contains(new CpuHotplug.Thaw(Address.of(pm))), out.toString());
    out = run(11 * S + 2 * MS, new CpuHotplug.CpusThawed(), 12 * S);
    // The firmware's resume cleared the PIIX3's Passive Release bit: the PCI resume fixup sets
    // it again and says so.
    assertEquals(List.of("ACPI: PM: Waking up from system sleep state S3",
        "pci 0000:00:01.0: PIIX3: Enabling Passive Release", "OOM killer enabled.",
        "Restarting tasks ... done.", "PM: suspend exit"), MiniWorld.logText(out));
    assertTrue(out.indexOf(new Netns.DeviceSuspend(false))
        < out.indexOf(new Netns.TasksFrozen(false)), out.toString());
    assertTrue(out.contains(new CpuHotplug.SetDisabled(false)));
    assertEquals(null, answer(out, 6).error());
  }

  @Test
  void suspendToIdleKeepsTheCpusAndEndsOnAWakeup() {
    List<SimMessage> out = run(S, new SuspendResume.Write(1, SuspendResume.STATE, "freeze\n", 1),
        2 * S);
    assertEquals("PM: suspend entry (s2idle)", MiniWorld.logText(out).get(0));
    assertTrue(!out.contains(new CpuHotplug.Freeze(Address.of(pm))));
    out = run(5 * S, new SuspendResume.Wakeup(), 6 * S);
    assertEquals(List.of("OOM killer enabled.", "Restarting tasks ... done.",
        "PM: suspend exit"), MiniWorld.logText(out));
    assertEquals(null, answer(out, 1).error());
  }

  @Test
  void theFilesAnswerAndRefuseAsTheKernelDoes() {
    List<SimMessage> out = run(S, new SuspendResume.Read(1, SuspendResume.STATE), S + MS);
    // state_show(): "disk" too, hibernation being available.
    assertEquals("freeze mem disk\n", answer(out, 1).text());
    out = run(2 * S, new SuspendResume.Read(2, SuspendResume.MEM_SLEEP), 2 * S + MS);
    assertEquals("s2idle [deep]\n", answer(out, 2).text());
    for (String bad : List.of("standby\n", "disks\n", "memx\n", "\n")) {
      out = run(3 * S, new SuspendResume.Write(3, SuspendResume.STATE, bad, 1), 3 * S + MS);
      assertEquals(Errno.EINVAL, answer(out, 3).error(), bad);
    }
    out = run(4 * S, new SuspendResume.Write(4, SuspendResume.MEM_SLEEP, "shallow\n", 1),
        4 * S + MS);
    assertEquals(Errno.EINVAL, answer(out, 4).error());
    out = run(5 * S, new SuspendResume.Write(5, SuspendResume.MEM_SLEEP, "s2idle\n", 1),
        5 * S + MS);
    assertEquals(null, answer(out, 5).error());
    out = run(6 * S, new SuspendResume.Read(6, SuspendResume.MEM_SLEEP), 6 * S + MS);
    assertEquals("[s2idle] deep\n", answer(out, 6).text());
    // The alarm: "+N" relative; adding to an active alarm is EBUSY; 0 clears it.
    run(7 * S, new SuspendResume.Write(7, SuspendResume.WAKEALARM, "+5\n", 1), 7 * S + MS);
    out = run(7 * S + MS, new SuspendResume.Read(8, SuspendResume.WAKEALARM), 7 * S + 2 * MS);
    assertEquals("12\n", answer(out, 8).text());
    out = run(8 * S, new SuspendResume.Write(9, SuspendResume.WAKEALARM, "+5\n", 1), 8 * S + MS);
    assertEquals(Errno.EBUSY, answer(out, 9).error());
    run(9 * S, new SuspendResume.Write(10, SuspendResume.WAKEALARM, "0\n", 1), 9 * S + MS);
    out = run(9 * S + MS, new SuspendResume.Read(11, SuspendResume.WAKEALARM), 13 * S);
    assertEquals("", answer(out, 11).text());
    assertTrue(out.stream().noneMatch(m -> m instanceof io.smpsim.hw.apic.IoApic.Irq),
        "a cleared alarm does not fire");
  }

  private String read(long at, String file) {
    List<SimMessage> out = run(at, new SuspendResume.Read(at, file), at + MS);
    return answer(out, at).text();
  }

  private Errno write(long at, String file, String text) {
    List<SimMessage> out = run(at, new SuspendResume.Write(at, file, text, 1), at + MS);
    return answer(out, at).error();
  }

  /** kernel/power/main.c pm_test_show()/pm_test_store(). */
  @Test
  void pmTestListsItsLevelsAndTakesOnlyTheirNames() {
    assertEquals("[none] core processors platform devices freezer\n",
        read(S, SuspendResume.PM_TEST));
    assertEquals(null, write(2 * S, SuspendResume.PM_TEST, "devices\n"));
    assertEquals("none core processors platform [devices] freezer\n",
        read(3 * S, SuspendResume.PM_TEST));
    for (String bad : List.of("device\n", "cpus\n", "\n", "Devices\n")) {
      assertEquals(Errno.EINVAL, write(4 * S, SuspendResume.PM_TEST, bad), bad);
    }
    assertEquals("0\n", read(5 * S, SuspendResume.PM_DEBUG_MESSAGES));
    assertEquals(Errno.EINVAL, write(6 * S, SuspendResume.PM_DEBUG_MESSAGES, "2\n"));
    assertEquals(null, write(7 * S, SuspendResume.PM_DEBUG_MESSAGES, "1\n"));
    assertEquals("1\n", read(8 * S, SuspendResume.PM_DEBUG_MESSAGES));
  }

  /**
   * kernel/power/suspend.c enter_state(): suspend_test(TEST_FREEZER) stops once the tasks are
   * frozen, waits pm_test_delay (5 s) and thaws; no device, CPU or platform is touched, and
   * pm_suspend() counts a success.
   */
  @Test
  void pmTestFreezerStopsAfterTheFreezeForFiveSeconds() {
    write(S, SuspendResume.PM_TEST, "freezer\n");
    List<SimMessage> out = run(2 * S, new SuspendResume.Write(9, SuspendResume.STATE, "mem\n", 5),
        2 * S + 100 * MS);
    assertEquals(List.of("PM: suspend entry (deep)", "Filesystems sync: 0.002 seconds",
        "Freezing user space processes",
        "Freezing user space processes completed (elapsed 0.001 seconds)",
        "OOM killer disabled.",
        "Freezing remaining freezable tasks",
        "Freezing remaining freezable tasks completed (elapsed 0.001 seconds)",
        "PM: suspend debug: Waiting for 5 second(s)."), MiniWorld.logText(out));
    assertTrue(!out.contains(new Netns.DeviceSuspend(true)), out.toString());
    out = run(0, null, 2 * S + 5 * S);
    assertEquals(null, answer(out, 9), "the test waits its 5 s");
    out = run(0, null, 8 * S);
    assertEquals(List.of("OOM killer enabled.", "Restarting tasks ... done.", "PM: suspend exit"),
        MiniWorld.logText(out));
    assertTrue(out.stream().noneMatch(m -> m instanceof CpuHotplug.Freeze), out.toString());
    assertEquals(null, answer(out, 9).error());
    assertEquals("1\n", read(9 * S, SuspendResume.SUSPEND_STATS + "/success"));
    assertEquals("0\n", read(9 * S + 10 * MS, SuspendResume.SUSPEND_STATS + "/fail"));
  }

  /**
   * suspend_enter(): suspend_test(TEST_CPUS) stops with the non-boot CPUs down; the platform is
   * not entered (no low-level resume, no NVS restore) but acpi_pm_finish() still reports the
   * wake-up from S3.
   */
  @Test
  void pmTestProcessorsStopsWithTheCpusDown() {
    write(S, SuspendResume.PM_TEST, "processors\n");
    List<SimMessage> out = run(2 * S, new SuspendResume.Write(9, SuspendResume.STATE, "mem\n", 5),
        3 * S);
    assertTrue(out.contains(new CpuHotplug.Freeze(Address.of(pm))), out.toString());
    out = run(3 * S, new CpuHotplug.CpusFrozen(0), 3 * S + MS);
    assertEquals(List.of("PM: suspend debug: Waiting for 5 second(s)."), MiniWorld.logText(out));
    assertTrue(out.stream().noneMatch(m -> m instanceof io.smpsim.hw.cpu.Cpu.KernelMail),
        "syscore_suspend() is not reached");
    out = run(0, null, 8 * S + 2 * MS);
    assertEquals(List.of(new CpuHotplug.Thaw(Address.of(pm))), out);
    out = run(8 * S + 2 * MS, new CpuHotplug.CpusThawed(), 9 * S);
    // No firmware ran: the PIIX3 kept its Passive Release bit and the fixup says nothing.
    assertEquals(List.of("ACPI: PM: Waking up from system sleep state S3", "OOM killer enabled.",
        "Restarting tasks ... done.", "PM: suspend exit"), MiniWorld.logText(out));
    assertEquals(null, answer(out, 9).error());
  }

  /** enter_state(): suspend-to-idle has no processors or core level to stop at: EAGAIN. */
  @Test
  void suspendToIdleRefusesTheCpuLevelsOfPmTest() {
    write(S, SuspendResume.PM_TEST, "core\n");
    List<SimMessage> out = run(2 * S,
        new SuspendResume.Write(9, SuspendResume.STATE, "freeze\n", 5), 3 * S);
    assertEquals(List.of("PM: suspend entry (s2idle)",
        "PM: Unsupported test mode for suspend to idle, please choose "
            + "none/freezer/devices/platform.",
        "PM: suspend exit"), MiniWorld.logText(out));
    assertEquals(Errno.EAGAIN, answer(out, 9).error());
    assertEquals("1\n", read(4 * S, SuspendResume.SUSPEND_STATS + "/fail"));
    assertEquals("-11\n", read(5 * S, SuspendResume.SUSPEND_STATS + "/last_failed_errno"));
    assertEquals("\n", read(6 * S, SuspendResume.SUSPEND_STATS + "/last_failed_step"));
  }

  /**
   * drivers/base/power/wakeup.c: wakeup_count counts wake-up events; writing the current count
   * arms the check (a stale one is EINVAL); an event after that makes dpm_suspend() give up
   * (kernel/power/suspend.c: "Some devices failed to suspend, or early wake event detected"),
   * counted as a failure at the suspend step with -EBUSY.
   */
  @Test
  void aWakeupEventAfterWakeupCountAbortsTheSuspend() {
    assertEquals("0\n", read(S, SuspendResume.WAKEUP_COUNT));
    run(2 * S, new SuspendResume.Wakeup(), 2 * S + MS);
    assertEquals("1\n", read(3 * S, SuspendResume.WAKEUP_COUNT));
    assertEquals(Errno.EINVAL, write(4 * S, SuspendResume.WAKEUP_COUNT, "0\n"));
    assertEquals(Errno.EINVAL, write(4 * S + MS, SuspendResume.WAKEUP_COUNT, "abc\n"));
    assertEquals(null, write(5 * S, SuspendResume.WAKEUP_COUNT, "1\n"));
    run(6 * S, new SuspendResume.Wakeup(), 6 * S + MS);
    List<SimMessage> out = run(7 * S,
        new SuspendResume.Write(9, SuspendResume.STATE, "mem\n", 5), 8 * S);
    List<String> log = MiniWorld.logText(out);
    assertEquals(List.of("printk: Suspending console(s) (use no_console_suspend to debug)",
        "PM: Some devices failed to suspend, or early wake event detected",
        "OOM killer enabled.", "Restarting tasks ... done.", "PM: suspend exit"),
        log.subList(7, log.size()));
    assertTrue(!out.contains(new Netns.DeviceSuspend(true)), out.toString());
    assertEquals(Errno.EBUSY, answer(out, 9).error());
    assertEquals("0\n", read(9 * S, SuspendResume.SUSPEND_STATS + "/success"));
    assertEquals("1\n", read(10 * S, SuspendResume.SUSPEND_STATS + "/fail"));
    assertEquals("1\n", read(11 * S, SuspendResume.SUSPEND_STATS + "/failed_suspend"));
    assertEquals("-16\n", read(12 * S, SuspendResume.SUSPEND_STATS + "/last_failed_errno"));
    assertEquals("suspend\n", read(13 * S, SuspendResume.SUSPEND_STATS + "/last_failed_step"));
  }

  /**
   * suspend_enter(): with wakeup_count armed, a wake-up event that comes after the devices
   * suspended but before the platform's enter is found by pm_wakeup_pending() after
   * syscore_suspend(): the sleep is not entered and the suspend fails with EBUSY.
   */
  @Test
  void aWakeupBeforeTheSleepFailsTheSuspendWithEbusy() {
    assertEquals(null, write(S / 2, SuspendResume.WAKEUP_COUNT, "0\n"));
    List<SimMessage> out = run(S, new SuspendResume.Write(9, SuspendResume.STATE, "mem\n", 5),
        2 * S);
    assertTrue(out.contains(new CpuHotplug.Freeze(Address.of(pm))), out.toString());
    run(2 * S, new SuspendResume.Wakeup(), 2 * S + MS);
    out = run(3 * S, new CpuHotplug.CpusFrozen(0), 3 * S + 5 * MS);
    assertTrue(out.contains(new PowerMail.SyscoreSuspend())
        && out.contains(new PowerMail.SyscoreResume()), out.toString());
    assertTrue(MiniWorld.logText(out).isEmpty(), "no low-level resume: the sleep never was");
    assertTrue(out.contains(new CpuHotplug.Thaw(Address.of(pm))), out.toString());
    out = run(4 * S, new CpuHotplug.CpusThawed(), 5 * S);
    assertEquals(Errno.EBUSY, answer(out, 9).error());
    assertEquals("-16\n", read(6 * S, SuspendResume.SUSPEND_STATS + "/last_failed_errno"));
  }

  /**
   * kernel/power/hibernate.c hibernate() on a machine without swap: the image is made (tasks
   * frozen, devices suspended, CPUs down and up, ACPI S4's prepare and finish), then
   * swsusp_write() finds no swap device (kernel/power/swap.c) and the write fails with ENODEV.
   */
  @Test
  void hibernationWithoutSwapMakesTheImageThenFailsWithEnodev() {
    // disk_show(): every mode followed by a space, the last one too.
    assertEquals("[platform] shutdown reboot suspend test_resume \n",
        read(S, SuspendResume.DISK));
    List<SimMessage> out = run(2 * S,
        new SuspendResume.Write(9, SuspendResume.STATE, "disk\n", 5), 3 * S);
    assertEquals(List.of("PM: hibernation: hibernation entry",
        "Filesystems sync: 0.002 seconds",
        "Freezing user space processes",
        "Freezing user space processes completed (elapsed 0.001 seconds)",
        "OOM killer disabled.",
        // create_basic_memory_bitmaps() marks the regions registered at boot (pr_debug).
        "PM: hibernation: Marking nosave pages: [mem 0x00000000-0x00000fff]",
        "PM: hibernation: Marking nosave pages: [mem 0x0009f000-0x000fffff]",
        "PM: hibernation: Basic memory bitmaps created",
        "PM: hibernation: Preallocating image memory",
        "PM: hibernation: Allocated 40787 pages for snapshot",
        "PM: hibernation: Allocated 163148 kbytes in 0.05 seconds (3262.96 MB/s)",
        "Freezing remaining freezable tasks",
        "Freezing remaining freezable tasks completed (elapsed 0.001 seconds)",
        "printk: Suspending console(s) (use no_console_suspend to debug)",
        "ACPI: PM: Preparing to enter system sleep state S4",
        "ACPI: PM: Saving platform NVS memory"), MiniWorld.logText(out));
    assertTrue(out.contains(new Netns.DeviceSuspend(true)), out.toString());
    assertTrue(out.contains(new CpuHotplug.Freeze(Address.of(pm))), out.toString());
    out = run(3 * S, new CpuHotplug.CpusFrozen(0), 4 * S);
    assertEquals(List.of("PM: hibernation: Creating image:",
        "PM: hibernation: Need to copy 38251 pages",
        "PM: hibernation: Normal pages needed: 38251 + 1024, available pages: 485907",
        "PM: hibernation: Image created (38251 pages copied)",
        "ACPI: PM: Restoring platform NVS memory"), MiniWorld.logText(out));
    assertTrue(out.contains(new CpuHotplug.Thaw(Address.of(pm))), out.toString());
    out = run(4 * S, new CpuHotplug.CpusThawed(), 5 * S);
    assertEquals(List.of("ACPI: PM: Waking up from system sleep state S4",
        "PM: Cannot find swap device, try swapon -a", "PM: Cannot get swap writer",
        "PM: hibernation: Basic memory bitmaps freed",
        "OOM killer enabled.", "Restarting tasks ... done.",
        "PM: hibernation: hibernation exit"), MiniWorld.logText(out));
    assertEquals(Errno.ENODEV, answer(out, 9).error());
    // Hibernation is not counted in suspend_stats.
    assertEquals("0\n", read(6 * S, SuspendResume.SUSPEND_STATS + "/fail"));
    // disk_store(): only the modes' names.
    assertEquals(null, write(7 * S, SuspendResume.DISK, "reboot\n"));
    assertEquals("platform shutdown [reboot] suspend test_resume \n",
        read(8 * S, SuspendResume.DISK));
    assertEquals(Errno.EINVAL, write(9 * S, SuspendResume.DISK, "firmware\n"));
  }

  /**
   * kernel/power/hibernate.c hibernation_snapshot(): hibernation_test(TEST_FREEZER) stops once
   * the kernel threads are frozen, waits 5 s, thaws the kernel threads and the tasks; no device
   * is frozen, no image made, and the hibernation succeeds.
   */
  @Test
  void hibernationPmTestFreezerStopsAfterTheFreezeAndSucceeds() {
    write(S, SuspendResume.PM_TEST, "freezer\n");
    List<SimMessage> out = run(2 * S,
        new SuspendResume.Write(9, SuspendResume.STATE, "disk\n", 5), 2 * S + 100 * MS);
    List<String> log = MiniWorld.logText(out);
    assertEquals("PM: hibernation: debug: Waiting for 5 seconds.", log.get(log.size() - 1));
    assertTrue(!out.contains(new Netns.DeviceSuspend(true)), out.toString());
    out = run(0, null, 2 * S + 5 * S);
    assertEquals(null, answer(out, 9), "the test waits its 5 s");
    out = run(0, null, 8 * S);
    assertEquals(List.of("Restarting kernel threads ... done.",
        "PM: hibernation: Basic memory bitmaps freed", "OOM killer enabled.",
        "Restarting tasks ... done.", "PM: hibernation: hibernation exit"),
        MiniWorld.logText(out));
    assertTrue(out.stream().noneMatch(m -> m instanceof CpuHotplug.Freeze), out.toString());
    assertEquals(null, answer(out, 9).error());
  }

  /**
   * create_image(): hibernation_test(TEST_CORE) stops after syscore_suspend() with the CPUs
   * down; syscore_resume(), the CPUs back, platform_finish() (ACPI S4's wake-up line) and no
   * image, so nothing to write: success, not ENODEV.
   */
  @Test
  void hibernationPmTestCoreStopsBeforeTheImageAndWritesNone() {
    write(S, SuspendResume.PM_TEST, "core\n");
    List<SimMessage> out = run(2 * S,
        new SuspendResume.Write(9, SuspendResume.STATE, "disk\n", 5), 3 * S);
    assertTrue(out.contains(new CpuHotplug.Freeze(Address.of(pm))), out.toString());
    out = run(3 * S, new CpuHotplug.CpusFrozen(0), 3 * S + MS);
    assertEquals(List.of("PM: hibernation: debug: Waiting for 5 seconds."),
        MiniWorld.logText(out));
    out = run(0, null, 8 * S + 2 * MS);
    assertTrue(out.contains(new CpuHotplug.Thaw(Address.of(pm))), out.toString());
    out = run(8 * S + 2 * MS, new CpuHotplug.CpusThawed(), 9 * S);
    assertEquals(List.of("ACPI: PM: Waking up from system sleep state S4",
        "PM: hibernation: Basic memory bitmaps freed", "OOM killer enabled.",
        "Restarting tasks ... done.", "PM: hibernation: hibernation exit"),
        MiniWorld.logText(out));
    assertEquals(null, answer(out, 9).error());
  }

  /**
   * pm_debug_messages: kernel/power/suspend.c's pm_pr_dbg() lines appear (enter_state(),
   * s2idle_loop()); without it they do not.
   */
  @Test
  void pmDebugMessagesAddThePmCoresDebugLines() {
    write(S, SuspendResume.PM_DEBUG_MESSAGES, "1\n");
    List<SimMessage> out = run(2 * S,
        new SuspendResume.Write(9, SuspendResume.STATE, "freeze\n", 5), 3 * S);
    assertEquals(List.of("PM: suspend entry (s2idle)", "Filesystems sync: 0.002 seconds",
        "PM: Preparing system for sleep (s2idle)",
        "Freezing user space processes",
        "Freezing user space processes completed (elapsed 0.001 seconds)",
        "OOM killer disabled.",
        "Freezing remaining freezable tasks",
        "Freezing remaining freezable tasks completed (elapsed 0.001 seconds)",
        "PM: Suspending system (s2idle)",
        "printk: Suspending console(s) (use no_console_suspend to debug)",
        // drivers/base/power/main.c dpm_show_time() for dpm_suspend(), dpm_suspend_start()
        // (prepare and suspend together), dpm_suspend_late() and dpm_suspend_noirq(), then
        // s2idle_loop().
        "PM: suspend of devices complete after 0.001 msecs",
        "PM: start suspend of devices complete after 0.001 msecs",
        "PM: late suspend of devices complete after 0.001 msecs",
        "PM: noirq suspend of devices complete after 0.001 msecs",
        "PM: suspend-to-idle"), MiniWorld.logText(out));
    out = run(4 * S, new SuspendResume.Wakeup(), 5 * S);
    // The wake-up comes through the wake-armed SCI (pm_system_irq_wakeup()), which
    // acpi_s2idle_wake() accepts as a fixed event (drivers/acpi/sleep.c: pr_fmt "ACPI: PM: ");
    // then the resume phases.
    assertEquals(List.of("PM: Triggering wakeup from IRQ 9", "ACPI: PM: ACPI fixed event wakeup",
        "PM: resume from suspend-to-idle",
        "PM: noirq resume of devices complete after 0.001 msecs",
        "PM: early resume of devices complete after 0.001 msecs",
        "PM: resume of devices complete after 0.001 msecs", "PM: Finishing wakeup.",
        "OOM killer enabled.", "Restarting tasks ... done.", "PM: suspend exit"),
        MiniWorld.logText(out));
    // hibernate.c disk_store(): pm_pr_dbg() prints with the file's pr_fmt.
    out = run(5 * S + 500 * MS, new SuspendResume.Write(11, SuspendResume.DISK, "reboot\n", 5),
        5 * S + 600 * MS);
    assertEquals(List.of("PM: hibernation: Hibernation mode set to 'reboot'"),
        MiniWorld.logText(out));
    write(6 * S, SuspendResume.PM_DEBUG_MESSAGES, "0\n");
    out = run(7 * S, new SuspendResume.Write(10, SuspendResume.STATE, "freeze\n", 5), 8 * S);
    assertTrue(MiniWorld.logText(out).stream().noneMatch(l -> l.contains("Suspending system")));
  }

  /**
   * kernel/power/main.c's value files: their defaults, kstrtoul()'s rules with 0/1 knobs
   * refusing anything above 1, and sync_on_suspend 0 making enter_state() skip
   * ksys_sync_helper() and its "Filesystems sync" line.
   */
  @Test
  void theValueFilesKeepTheKernelsDefaultsAndRules() {
    assertEquals("1\n", read(S, "/sys/power/pm_async"));
    assertEquals("0\n", read(S + 10 * MS, "/sys/power/pm_print_times"));
    assertEquals("20000\n", read(S + 20 * MS, "/sys/power/pm_freeze_timeout"));
    assertEquals("1048576\n", read(S + 30 * MS, "/sys/power/reserved_size"));
    assertEquals("1\n", read(S + 40 * MS, "/sys/power/sync_on_suspend"));
    for (String bad : List.of("2\n", "-1\n", " 1\n", "one\n", "\n")) {
      assertEquals(Errno.EINVAL, write(2 * S, "/sys/power/pm_async", bad), bad);
    }
    assertEquals(null, write(2 * S + 10 * MS, "/sys/power/pm_freeze_timeout", "4294967295\n"));
    assertEquals(Errno.EINVAL,
        write(2 * S + 20 * MS, "/sys/power/pm_freeze_timeout", "4294967296\n"));
    assertEquals(null, write(3 * S, "/sys/power/sync_on_suspend", "0\n"));
    List<SimMessage> out = run(4 * S,
        new SuspendResume.Write(9, SuspendResume.STATE, "freeze\n", 5), 5 * S);
    assertEquals(List.of("PM: suspend entry (s2idle)", "Freezing user space processes"),
        MiniWorld.logText(out).subList(0, 2));
  }

  /**
   * smpsim's {@code inject wakeup} that comes while the suspend is still on its way down is
   * held, and ends the sleep as soon as it is entered: the suspend succeeds.
   */
  @Test
  void anInjectedWakeupDuringTheEntryEndsTheSleepOnceEntered() {
    run(S, new SuspendResume.Write(9, SuspendResume.STATE, "freeze\n", 5), S + MS);
    List<SimMessage> out = run(S + MS, new SuspendResume.Wakeup(), 2 * S);
    assertEquals(List.of("OOM killer enabled.", "Restarting tasks ... done.", "PM: suspend exit"),
        MiniWorld.logText(out).subList(MiniWorld.logText(out).size() - 3,
            MiniWorld.logText(out).size()));
    assertEquals(null, answer(out, 9).error());
  }

  /**
   * QEMU's pc chipset raises the RTC alarm's ACPI fixed event only as it wakes the machine from
   * S3: an s2idle machine, running to the chipset, takes the alarm's interrupt and sleeps on (a
   * real one slept 90 s, until its recorder gave up); the same alarm ends an S3 sleep.
   */
  @Test
  void anRtcAlarmWakesS3ButNotSuspendToIdle() {
    assertEquals(null, write(S, SuspendResume.WAKEALARM, "+2\n"));
    List<SimMessage> out = run(S + MS,
        new SuspendResume.Write(9, SuspendResume.STATE, "freeze\n", 5), 20 * S);
    assertEquals(null, answer(out, 9), "the alarm at 3 s woke the s2idle: " + out);
    assertTrue(MiniWorld.logText(out).stream().noneMatch(l -> l.equals("PM: suspend exit")));
    assertEquals("", read(20 * S + MS, SuspendResume.WAKEALARM), "the alarm fired");
    out = run(21 * S, new SuspendResume.Wakeup(), 22 * S);
    assertEquals(null, answer(out, 9).error());
    assertEquals("0\n", read(23 * S, SuspendResume.SUSPEND_STATS + "/fail"));
  }
}

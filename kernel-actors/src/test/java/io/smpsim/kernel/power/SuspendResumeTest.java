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
        "Freezing user space processes",
        "Freezing user space processes completed (elapsed 0.001 seconds)", "OOM killer disabled.",
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
    assertEquals(List.of("ACPI: PM: Waking up from system sleep state S3", "OOM killer enabled.",
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
    assertEquals("freeze mem\n", answer(out, 1).text());
    out = run(2 * S, new SuspendResume.Read(2, SuspendResume.MEM_SLEEP), 2 * S + MS);
    assertEquals("s2idle [deep]\n", answer(out, 2).text());
    for (String bad : List.of("standby\n", "disk\n", "memx\n", "\n")) {
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
}

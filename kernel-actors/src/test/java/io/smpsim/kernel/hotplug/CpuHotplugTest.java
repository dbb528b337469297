package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.core.CpuList;
import io.smpsim.kernel.JobAsker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.hw.HwTimings;
import io.smpsim.hw.apic.IoApic;
import io.smpsim.kernel.linux.LinuxWorld;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.core.Errno;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.kernel.testing.MiniWorld;
import io.smpsim.sim.Address;
import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hotplug controller alone: the test plays the CPUs and the watchdog control, answering
 * what the controller asks, and checks what it asks, in which order, and what it answers.
 */
class CpuHotplugTest {

  private static final long MS = 1_000_000L;

  private MachineLayout layout;

  /** The PM core, which freezes and thaws the CPUs. */
  private Address<CpuHotplug.FreezeAsker> pm() {
    return layout.address(MachineLayout.Slot.POWER);
  }
  private MiniWorld w;
  private int hotplug;
  private long t;

  private void boot(String cmdline) {
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true, cmdline, "Test CPU",
        3_000_000, HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
    LinuxWorld world = new LinuxWorld(List.of(m), List.of());
    layout = world.layout(0);
    hotplug = layout.id(MachineLayout.Slot.HOTPLUG);
    w = new MiniWorld(world, 1, 100, hotplug);
    for (int c = 0; c < 4; c++) {
      w.inject(0, hotplug, new CpuHotplug.SetOnline(c, true));
    }
    t = MS;
    w.runUntil(t);
    w.sentSinceLastLook();
  }

  @BeforeEach
  void setUp() {
    boot("console=ttyS0");
  }

  /** Injects {@code msgs} at the next millisecond and returns what left the controller. */
  private List<SimMessage> step(Sysctl.OfflineAsker... msgs) {
    t += MS;
    for (Sysctl.OfflineAsker m : msgs) {
      w.inject(t, hotplug, m);
    }
    w.runUntil(t + MS / 2);
    return w.sentSinceLastLook();
  }

  private static Errno result(List<SimMessage> out, long job) {
    for (SimMessage m : out) {
      if (m instanceof JobAsker.Answer r && r.job() == job
          && r.body() instanceof CpuHotplug.Result res) {
        return res.error();
      }
    }
    throw new AssertionError("no result for job " + job + " in " + out);
  }

  /** A write by the shell on CPU 0, which may run on every CPU. */
  private static CpuHotplug.Request request(long job, int cpu, boolean online) {
    return new CpuHotplug.Request(job, cpu, online, 0, null);
  }

  private static boolean takesDownTo(List<SimMessage> out, int target) {
    return out.stream().anyMatch(m -> m instanceof HotplugMail.TakeDown t
        && t.migrateTo() == target);
  }

  private static boolean answered(List<SimMessage> out, long job) {
    return out.stream().anyMatch(m -> m instanceof JobAsker.Answer r && r.job() == job);
  }

  private void offline(int cpu, long job) {
    List<SimMessage> out = step(request(job, cpu, false));
    assertTrue(out.contains(new Sysctl.CpuOffline(cpu)), out.toString());
    out = step(new Sysctl.WatchdogOffline(cpu));
    assertTrue(takesDownTo(out, 0), out.toString());
    out = step(new CpuHotplug.Dead(cpu));
    assertEquals(List.of("smpboot: CPU " + cpu + " is now offline"), MiniWorld.logText(out));
    assertNull(result(out, job));
  }

  @Test
  void offlineRunsTheTeardownsInOrderAndAnswersWhenTheCpuIsDead() {
    List<SimMessage> out = step(request(1, 2, false));
    // First the ONLINE teardowns (the lockup detectors), nothing else yet.
    assertEquals(List.of(new Sysctl.CpuOffline(2)), out);
    out = step(new Sysctl.WatchdogOffline(2));
    // Tasks move to CPU 0, or to the first CPU of their affinity still online.
    assertEquals(List.of(new HotplugMail.TakeDown(0, CpuList.parse("0-1,3", 4))), out);
    out = step(new CpuHotplug.Dead(2));
    assertEquals(List.of("smpboot: CPU 2 is now offline"), MiniWorld.logText(out));
    assertNull(result(out, 1));
    CpuHotplug h = (CpuHotplug) (Object) w.entity(hotplug);
    assertEquals("0-1,3", CpuList.format(h.online()));
  }

  @Test
  void writingTheCurrentStateIsANoOpSuccess() {
    List<SimMessage> out = step(request(7, 1, true));
    assertEquals(1, out.size());
    assertNull(result(out, 7));
  }

  @Test
  void theLastOnlineCpuCannotGoAndNothingChanges() {
    offline(1, 1);
    offline(2, 2);
    offline(3, 3);
    List<SimMessage> out = step(request(4, 0, false));
    assertEquals(Errno.EBUSY, result(out, 4));
    assertEquals(1, out.size(), "no teardown starts: " + out);
    CpuHotplug h = (CpuHotplug) (Object) w.entity(hotplug);
    assertEquals("0", CpuList.format(h.online()));
  }

  @Test
  void concurrentRequestsQueueOnTheHotplugLockAndDoNotInterleave() {
    List<SimMessage> out = step(request(1, 1, false),
        request(2, 2, false), request(3, 3, true));
    // Only the first operation runs; the second waits for it, the no-op too.
    assertEquals(List.of(new Sysctl.CpuOffline(1)), out);
    out = step(new Sysctl.WatchdogOffline(1));
    assertEquals(1, out.size());
    assertTrue(takesDownTo(out, 0), out.toString());
    out = step(new CpuHotplug.Dead(1));
    assertNull(result(out, 1));
    assertTrue(out.contains(new Sysctl.CpuOffline(2)), "then the second: " + out);
    assertTrue(!answered(out, 2) && !answered(out, 3));
    // A stray report about another CPU does not advance the running operation.
    out = step(new CpuHotplug.Dead(3));
    assertTrue(out.isEmpty(), out.toString());
    step(new Sysctl.WatchdogOffline(2));
    out = step(new CpuHotplug.Dead(2));
    assertNull(result(out, 2));
    assertNull(result(out, 3));
  }

  @Test
  void onlineAnnouncesAndWakesTheCpuWithInitSipiFromTheControlCpu() {
    offline(1, 1);
    List<SimMessage> out = step(request(2, 1, true));
    assertEquals(List.of("x86: Booting SMP configuration:",
        "smpboot: Booting Node 0 Processor 1 APIC 0x1"), MiniWorld.logText(out));
    assertTrue(out.contains(new HotplugMail.Kick(1)), out.toString());
    assertTrue(!answered(out, 2), "answers only once the CPU is up");
    out = step(new CpuHotplug.ApOnline(1));
    assertNull(result(out, 2));
  }

  @Test
  void whileSuspendHoldsHotplugDisabledUserRequestsGetEbusy() {
    List<SimMessage> out = step(new CpuHotplug.SetDisabled(true),
        request(1, 2, false));
    assertEquals(Errno.EBUSY, result(out, 1));
    out = step(new CpuHotplug.SetDisabled(false), request(2, 2, false));
    assertEquals(List.of(new Sysctl.CpuOffline(2)), out);
  }

  @Test
  void freezeTakesTheNonBootCpusDownInAscendingOrderAndThawBringsThemBack() {
    List<SimMessage> out = step(new CpuHotplug.Freeze(pm()));
    assertEquals(List.of("Disabling non-boot CPUs ..."), MiniWorld.logText(out));
    for (int c = 1; c < 4; c++) {
      assertTrue(out.contains(new Sysctl.CpuOffline(c)), c + ": " + out);
      step(new Sysctl.WatchdogOffline(c));
      out = step(new CpuHotplug.Dead(c));
    }
    assertTrue(out.contains(new CpuHotplug.CpusFrozen(0)), out.toString());
    // Frozen: user space may not hotplug until thaw.
    assertEquals(Errno.EBUSY, result(step(request(9, 1, true)), 9));
    out = step(new CpuHotplug.Thaw(pm()));
    assertEquals(List.of("Enabling non-boot CPUs ...", "x86: Booting SMP configuration:",
        "smpboot: Booting Node 0 Processor 1 APIC 0x1"), MiniWorld.logText(out));
    out = step(new CpuHotplug.ApOnline(1));
    assertEquals(List.of("CPU1 is up", "smpboot: Booting Node 0 Processor 2 APIC 0x2"),
        MiniWorld.logText(out));
    step(new CpuHotplug.ApOnline(2));
    out = step(new CpuHotplug.ApOnline(3));
    assertEquals(List.of("CPU3 is up"), MiniWorld.logText(out));
    assertTrue(out.contains(new CpuHotplug.CpusThawed()), out.toString());
  }

  @Test
  void fixupIrqsMovesThePinsOfTheDyingCpuToAnOnlineOne() {
    boot("console=ttyS0 cpu0_hotplug");
    step(request(1, 0, false));
    List<SimMessage> out = step(new Sysctl.WatchdogOffline(0));
    // rtc0 (pin 8) and acpi (pin 9) were on CPU 0; they move to CPU 1 before it dies.
    List<Integer> moved = new ArrayList<>();
    for (SimMessage m : out) {
      if (m instanceof IoApic.Route r) {
        assertEquals(1, r.entry().destApicId());
        moved.add(r.gsi());
      }
    }
    assertEquals(List.of(8, 9), moved);
    assertTrue(takesDownTo(out, 1), out.toString());
    CpuHotplug h = (CpuHotplug) (Object) w.entity(hotplug);
    assertEquals(1, h.irqCpu(8));
  }

  @Test
  void kstrtoboolTakesTheKernelsSpellings() {
    for (String yes : List.of("1", "10", "y", "Yes", "on", "ON\n")) {
      assertEquals(Boolean.TRUE, Kstrtobool.parse(yes), yes);
    }
    for (String no : List.of("0", "n", "N", "off", "oFf")) {
      assertEquals(Boolean.FALSE, Kstrtobool.parse(no), no);
    }
    for (String bad : List.of("2", "-1", "abc", "\n", "", "o", "ox")) {
      assertNull(Kstrtobool.parse(bad), bad);
    }
  }
}

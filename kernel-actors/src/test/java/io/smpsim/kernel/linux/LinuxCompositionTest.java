package io.smpsim.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.KernelTables;
import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.StaticFile;
import io.smpsim.kernel.core.Subsystem;
import io.smpsim.kernel.core.Vfs;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.kernel.sysctl.WatchdogParams;
import io.smpsim.sim.TraceHash;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kernel as its subsystems compose it: what a newcomer relies on when adding one (its
 * files and commands are found, a clash fails at once), and that reorganising packages leaves
 * trace hashes alone.
 */
class LinuxCompositionTest {

  private static final MachineConfig CONFIG = new MachineConfig("m0", 0, 4, 1, 250, true,
      "console=ttyS0", "Test CPU", 3_000_000, HwTimings.uniform(100), 1_000_000,
      MachineConfig.Placement.MACHINE);

  private final KernelTables linux = Linux.KERNEL.tables();

  @Test
  void everySubsystemsFilesAndCommandsAreFoundThroughTheCore() {
    assertNotNull(Vfs.lookup("/proc/sys/kernel/watchdog_thresh", linux, CONFIG));
    assertNotNull(Vfs.lookup("/sys/devices/system/cpu//cpu3/online/", linux, CONFIG));
    assertNotNull(Vfs.lookup("/proc/sysrq-trigger", linux, CONFIG));
    assertNotNull(Vfs.lookup("/sys/power/state", linux, CONFIG));
    assertNotNull(Vfs.lookup("/proc/interrupts", linux, CONFIG));
    // x86: no online file for the boot CPU, none for a CPU the machine does not have.
    assertNull(Vfs.lookup("/sys/devices/system/cpu/cpu0/online", linux, CONFIG));
    assertNull(Vfs.lookup("/sys/devices/system/cpu/cpu4/online", linux, CONFIG));
    assertNull(Vfs.lookup("/proc/sys/kernel/no_such_knob", linux, CONFIG));
    assertTrue(Vfs.directoryExists("/sys/devices/system/cpu/cpu3/x", linux, CONFIG));
    assertTrue(!Vfs.directoryExists("/sys/devices/system/cpu/cpu9/x", linux, CONFIG));
    for (String command : List.of("sysctl", "inject", "nproc", "dmesg", "ip", "tc",
        "inject resume-busywait")) {
      assertNotNull(linux.command(command), command);
    }
    assertNotNull(linux.outOfBand("  inject   wakeup "));
  }

  @Test
  void theHotplugStatesListingIsTheRegisteredStatesInKernelOrder() {
    String states = linux.hotplugStates();
    assertTrue(states.startsWith("  0: offline\n  1: threads:prepare\n"), states);
    assertTrue(states.contains("153: cpu:teardown\n155: sched:waitempty\n"), states);
    assertTrue(states.contains("196: lockup_detector:online\n"), states);
    assertTrue(states.endsWith("235: sched:active\n236: online\n"), states);
  }

  /** A second owner of RCU's stall timeout, as a careless newcomer would add it. */
  static final class RcuStall implements Subsystem {
    @Override
    public void register(Registry r) {
      r.file("/sys/module/rcupdate/parameters/rcu_cpu_stall_timeout",
          c -> new StaticFile("60\n"));
    }
  }

  /** Another that registers something of its own. */
  static final class Extra implements Subsystem {
    @Override
    public void register(Registry r) {
      r.command("rcu-stall", (args, line, c) -> new ShellJob.Done(0, "", ""));
    }
  }

  @Test
  void aNewSubsystemIsOneLineAndAClashFailsTheComposition() {
    KernelTables tables = Registry.compose(List.of(new Extra()));
    assertInstanceOf(ShellJob.Done.class, tables.command("rcu-stall").parse(List.of(), "", CONFIG));
    // The rcu subsystem already serves RCU's stall timeout: two owners of one path are a bug.
    List<Subsystem> twice = new java.util.ArrayList<>(Linux.subsystems());
    twice.add(new RcuStall());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Registry.compose(twice));
    assertTrue(e.getMessage().contains("rcu_cpu_stall_timeout"), e.getMessage());
  }

  @Test
  void aMessagesTraceIdDoesNotDependOnItsPackage() {
    assertEquals(TraceHash.fnv1a("Sysctl$Ack"), TraceHash.classId(Sysctl.Ack.class));
    assertEquals(TraceHash.fnv1a("WatchdogParams"), TraceHash.classId(WatchdogParams.class));
  }
}

package io.smpsim.kernel.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.panic.PanicReport;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import io.smpsim.sim.OutputRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A whole machine on an embedded one-node cluster, every message serialized with Kryo: the
 * kernel's messages are all registered, and the detectors, sysctl and panic work end to end.
 */
class KernelWorldTest {

  private static final long S = 1_000_000_000L;

  /** What a run printed. */
  record Run(List<String> log, List<String> commands, List<String> panics) {}

  private static Run run(String cmdline, long durationNs, List<TimelineCommand> timeline) {
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true, cmdline, "Test CPU", 3_000_000,
        HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
    Run r = new Run(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    EmbeddedLinuxRun.run(m, timeline, durationNs, ConfigFactory.empty(), o -> collect(o, r));
    return r;
  }

  private static void collect(OutputRecord o, Run r) {
    if (o.output() instanceof KernelLog log) {
      for (LogLine l : log.lines()) {
        r.log().add(l.formatted());
      }
    } else if (o.output() instanceof CommandResult c) {
      r.commands().add(c.line() + " -> " + c.exit() + " " + c.stdout() + c.stderr());
    } else if (o.output() instanceof PanicReport p) {
      r.panics().add(p.machine() + " " + p.message());
    }
  }

  private static TimelineCommand at(long t, String line) {
    return new TimelineCommand(t, 0, line, "test");
  }

  @Test
  void aHardLockupWithHardlockupPanicStopsTheMachineWithTheKernelsLines() {
    Run r = run("console=ttyS0 nmi_watchdog=panic", 40 * S,
        List.of(at(3 * S, "inject hardlockup cpu 2"), at(35 * S, "cat /proc/cmdline")));
    List<String> panicLines = r.log().stream().filter(l -> l.contains("Kernel panic")
        || l.contains("hard LOCKUP") || l.contains("Shutting down") || l.contains("---[ end"))
        .map(l -> l.substring(15)).toList();
    assertEquals(List.of("watchdog: Watchdog detected hard LOCKUP on cpu 2",
        "Kernel panic - not syncing: Hard LOCKUP",
        "---[ end Kernel panic - not syncing: Hard LOCKUP ]---"), panicLines);
    assertEquals(List.of("m0 Hard LOCKUP"), r.panics());
    assertEquals(List.of("inject hardlockup cpu 2 -> 0 "), r.commands(),
        "a panicked machine runs no further command");
  }

  @Test
  void hardlockupAllCpuBacktraceNmisTheOtherCpusBeforeThePanic() {
    Run r = run("console=ttyS0 nmi_watchdog=panic hardlockup_all_cpu_backtrace=1", 40 * S,
        List.of(at(3 * S, "inject hardlockup cpu 2"), at(3 * S + 1, "inject softlockup cpu 1")));
    List<String> tail = r.log().stream().filter(l -> l.contains("LOCKUP")
        || l.contains("Sending NMI") || l.contains("NMI backtrace")
        || l.contains("Kernel panic - not syncing: Hard")).map(l -> l.substring(15)).toList();
    assertEquals(List.of("watchdog: Watchdog detected hard LOCKUP on cpu 2",
        "Sending NMI from CPU 2 to CPUs 0-1,3:",
        "NMI backtrace for cpu 0 skipped: idling at native_safe_halt+0xb/0x10",
        "NMI backtrace for cpu 1",
        "NMI backtrace for cpu 3 skipped: idling at native_safe_halt+0xb/0x10",
        "Kernel panic - not syncing: Hard LOCKUP",
        "---[ end Kernel panic - not syncing: Hard LOCKUP ]---"), tail);
    assertTrue(r.log().stream().anyMatch(l -> l.endsWith("CPU: 1 PID: 125 Comm: softlockup/1"
        + " Not tainted 6.1.0-56-amd64 #1  Debian 6.1.192-2")), r.log().toString());
  }

  @Test
  void aSpinlockHeldWithInterruptsOffIsAHardLockupThereAndASoftLockupForTheWaiter() {
    // RCU stall warnings off: the stall report at 24 s would touch CPU 1's soft-lockup watchdog
    // and postpone its report past the run (rcu/RcuStall).
    Run r = run("console=ttyS0 rcupdate.rcu_cpu_stall_suppress=1", 40 * S, List.of(
        at(3 * S, "inject spinlock cpu 1 holder 2 for 30s"),
        at(3 * S + 1, "inject busy cpu 3 for 30s")));
    List<String> reports = r.log().stream().filter(l -> l.contains("LOCKUP")
        || l.contains("soft lockup")).map(l -> l.substring(15)).toList();
    // The waiter left idle at 3 s (tick_nohz_restart_sched_tick touched its watchdog): the
    // period restarts at its next 4 s timer, and the report comes six periods after that with
    // the stopper's last touch (before 3 s) as the start. The holder, interrupts off, takes
    // no watchdog timer until it lets go; the first one after its own idle exit only
    // restarts the period (kernel/watchdog.c watchdog_timer_fn, SOFTLOCKUP_DELAY_REPORT).
    assertEquals(List.of("watchdog: Watchdog detected hard LOCKUP on cpu 2",
        "watchdog: BUG: soft lockup - CPU#1 stuck for 26s! [spinlock/1:125]"), reports,
        "the touching busy-wait on CPU 3 is never reported");
  }

  @Test
  void sysctlChangesReachEveryCpuAndWatchdogThreshChangesTheSoftLockupReport() {
    Run r = run("console=ttyS0", 30 * S, List.of(
        at(2 * S, "sysctl -w kernel.watchdog_thresh=5"),
        at(2 * S + 1, "inject softlockup cpu 1 for 20s"),
        at(25 * S, "sysctl kernel.watchdog_thresh kernel.tainted")));
    List<String> soft = r.log().stream().filter(l -> l.contains("soft lockup"))
        .map(l -> l.substring(15)).toList();
    assertTrue(soft.size() >= 1, r.log().toString());
    assertTrue(soft.get(0).matches(
        "watchdog: BUG: soft lockup - CPU#1 stuck for 1[0-3]s! \\[softlockup/1:\\d+\\]"),
        soft.get(0));
    assertEquals("sysctl kernel.watchdog_thresh kernel.tainted -> 0 "
        + "kernel.watchdog_thresh = 5\nkernel.tainted = 16384\n", r.commands().get(2));
  }
}

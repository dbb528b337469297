package io.smpsim.kernel.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 6.1 machine without a PMU (a guest without a virtual PMU): the perf hard-lockup detector
 * cannot exist (kernel/watchdog_hld.c hardlockup_detector_perf_init(), kernel/watchdog.c
 * lockup_detector_init() and proc_nmi_watchdog()), the soft-lockup detector runs as ever.
 */
class NoPmuTest {

  private static final long S = 1_000_000_000L;

  private record Run(List<String> log, List<String> commands) {}

  private static Run run(boolean pmu, String cmdline, List<TimelineCommand> timeline,
      long durationNs) {
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true, cmdline, "Test CPU",
        3_000_000, HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE)
        .withKernel(KernelVersion.DEFAULT, pmu);
    Run r = new Run(new ArrayList<>(), new ArrayList<>());
    EmbeddedLinuxRun.run(m, timeline, durationNs,
        ConfigFactory.parseString("pekko.actor.serialize-messages = on"), o -> {
      if (o.output() instanceof KernelLog log) {
        log.lines().stream().map(LogLine::text).forEach(r.log()::add);
      } else if (o.output() instanceof CommandResult c) {
        r.commands().add(c.line() + " -> " + c.exit() + " " + c.stdout() + c.stderr());
      }
    });
    return r;
  }

  private static TimelineCommand at(long t, String line) {
    return new TimelineCommand(t, 0, line, "test");
  }

  @Test
  void bootSaysThePmuIsMissingAndThePerfWatchdogPermanentlyDisabled() {
    Run r = run(false, "console=ttyS0 nmi_watchdog=1", List.of(), 2 * S);
    int cpu0 = indexOf(r.log(), "smpboot: CPU0: ");
    int perf = r.log().indexOf("Performance Events: PMU not available due to virtualization,"
        + " using software events only.");
    int nmi = r.log().indexOf("NMI watchdog: Perf NMI watchdog permanently disabled");
    int smp = r.log().indexOf("smp: Bringing up secondary CPUs ...");
    assertTrue(cpu0 >= 0 && cpu0 < perf && perf < nmi && nmi < smp,
        "init_hw_perf_events, then lockup_detector_init, then smp_init: " + r.log());
    assertTrue(r.log().stream().noneMatch(l -> l.contains("hw-PMU")),
        "no perf event, so no 'Enabled' line");
    Run withPmu = run(true, "console=ttyS0 nmi_watchdog=1", List.of(), 2 * S);
    assertTrue(withPmu.log().contains(
        "NMI watchdog: Enabled. Permanently consumes one hw-PMU counter."));
    assertTrue(withPmu.log().stream().noneMatch(l -> l.startsWith("Performance Events: PMU")));
  }

  @Test
  void nmiWatchdogReadsZeroAndRefusesEveryWriteWithEnotsupp() {
    Run r = run(false, "console=ttyS0", List.of(
        at(2 * S, "cat /proc/sys/kernel/nmi_watchdog"),
        at(2 * S + 1_000_000, "echo 1 > /proc/sys/kernel/nmi_watchdog"),
        at(2 * S + 2_000_000, "cat /proc/sys/kernel/nmi_watchdog"),
        at(2 * S + 3_000_000, "echo 0 > /proc/sys/kernel/nmi_watchdog"),
        at(2 * S + 4_000_000, "cat /proc/sys/kernel/watchdog /proc/sys/kernel/soft_watchdog")),
        3 * S);
    String k = "/proc/sys/kernel/";
    assertEquals(List.of(
        "cat " + k + "nmi_watchdog -> 0 0\n",
        "echo 1 > " + k + "nmi_watchdog -> 1 sh: write error: Unknown error 524\n",
        "cat " + k + "nmi_watchdog -> 0 0\n",
        "echo 0 > " + k + "nmi_watchdog -> 1 sh: write error: Unknown error 524\n",
        "cat " + k + "watchdog " + k + "soft_watchdog -> 0 1\n1\n"), r.commands());
  }

  @Test
  void theSoftLockupDetectorStillRuns() {
    // RCU stall warnings suppressed: a 30 s spin would first get an RCU stall report, which
    // postpones the soft-lockup report past the run (kernel/rcu/tree_stall.h).
    Run r = run(false, "console=ttyS0 rcupdate.rcu_cpu_stall_suppress=1",
        List.of(at(2 * S, "inject softlockup cpu 2 for 30s")), 40 * S);
    assertTrue(r.log().stream().anyMatch(
        l -> l.startsWith("watchdog: BUG: soft lockup - CPU#2 stuck for ")), r.log().toString());
  }

  private static int indexOf(List<String> log, String prefix) {
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}

package io.smpsim.kernel.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * When a 6.x kernel reports a task that takes an idle NO_HZ CPU and spins with preemption off
 * (kernel/watchdog.c, kernel/time/tick-sched.c). Leaving idle restarts the tick, and
 * tick_nohz_restart_sched_tick() calls touch_softlockup_watchdog_sched(): watchdog_report_ts
 * becomes SOFTLOCKUP_DELAY_REPORT, so the watchdog's first timer after the spin starts (H1,
 * within one sample period of {@code 2*thresh/5} s) only restarts the reporting period, while
 * watchdog_touch_ts keeps the stopper's run one period before (H1 - period). is_softlockup()
 * reports once {@code now > report_ts + 2*thresh} in get_timestamp() units of 2^30 ns: six
 * periods after H1 (24 s at thresh 10, 12 s at thresh 5; five periods are 18.6 and 9.3 units),
 * and the task is "stuck for" seven periods: 26 or 27 units at thresh 10 (28 s), 13 or 14 at
 * thresh 5 (14 s). Without the touch the report would come one period early with 22 / 11.
 */
class SoftLockupTimingTest {

  private static final long S = 1_000_000_000L;
  private static final Pattern REPORT = Pattern.compile(
      "\\[ *(\\d+)\\.(\\d{6})\\] watchdog: BUG: soft lockup - CPU#1 stuck for (\\d+)s!.*");

  /** The first soft-lockup report for CPU 1: its time in ns and its "stuck for" seconds. */
  private static long[] firstReport(String cmdline, long spinAt, String spin) {
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true, cmdline, "Test CPU",
        3_000_000, HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
    List<String> log = new ArrayList<>();
    EmbeddedLinuxRun.run(m, List.of(new TimelineCommand(spinAt, 0, spin, "test")),
        spinAt + 40 * S, ConfigFactory.empty(), o -> {
          if (o.output() instanceof KernelLog l) {
            l.lines().stream().map(LogLine::formatted).forEach(log::add);
          }
        });
    for (String l : log) {
      Matcher mt = REPORT.matcher(l);
      if (mt.matches()) {
        return new long[] {Long.parseLong(mt.group(1)) * S + Long.parseLong(mt.group(2)) * 1000,
            Long.parseLong(mt.group(3))};
      }
    }
    throw new AssertionError("no soft-lockup report: " + log);
  }

  @Test
  void atThresh10TheReportComesSixPeriodsAfterTheFirstTimerAsStuckFor26s() {
    // RCU stall warnings off: a self-detected stall prints on the CPU's console and so touches
    // its watchdog too (serial8250_console_write -> touch_nmi_watchdog).
    for (long spinAt : new long[] {5 * S, 5 * S + 1_300_000_000L, 5 * S + 2_900_000_000L}) {
      long[] r = firstReport("console=ttyS0 rcupdate.rcu_cpu_stall_suppress=1", spinAt,
          "inject softlockup cpu 1 for 35s");
      long after = r[0] - spinAt;
      assertTrue(after > 24 * S && after <= 28 * S, "reported " + after + " ns after the spin");
      assertTrue(r[1] == 26 || r[1] == 27, "stuck for " + r[1] + "s");
    }
  }

  @Test
  void atThresh5TheReportComesSixPeriodsAfterTheFirstTimerAsStuckFor13s() {
    long spinAt = 5 * S + 700_000_000L;
    long[] r = firstReport("console=ttyS0 watchdog_thresh=5 rcupdate.rcu_cpu_stall_suppress=1",
        spinAt, "inject softlockup cpu 1 for 20s");
    long after = r[0] - spinAt;
    assertTrue(after > 12 * S && after <= 14 * S, "reported " + after + " ns after the spin");
    assertTrue(r[1] == 13 || r[1] == 14, "stuck for " + r[1] + "s");
  }

  @Test
  void anInterruptsOffSpinOnAnIdleCpuGetsNoSoftLockupReportWhenItEnds() {
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true,
        "console=ttyS0 nmi_watchdog=0 rcupdate.rcu_cpu_stall_suppress=1", "Test CPU", 3_000_000,
        HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
    List<String> log = new ArrayList<>();
    EmbeddedLinuxRun.run(m, List.of(new TimelineCommand(5 * S, 0,
        "inject hardlockup cpu 1 for 30s", "test")), 45 * S, ConfigFactory.empty(), o -> {
          if (o.output() instanceof KernelLog l) {
            l.lines().stream().map(LogLine::text).forEach(log::add);
          }
        });
    // No watchdog timer runs while interrupts are off; the first one after the spin finds the
    // period restarted by the idle exit and only starts a new one.
    assertEquals(List.of(), log.stream().filter(l -> l.contains("soft lockup")).toList());
  }
}

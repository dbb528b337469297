package io.smpsim.kernel.sysrq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SysRq 'l' runs in the writing task, on the CPU the scheduler put the shell on
 * (drivers/tty/sysrq.c write_sysrq_trigger, lib/nmi_backtrace.c): "Sending NMI from CPU n"
 * names it. The shell starts on the boot CPU; woken while a task holds its CPU it goes to the
 * first idle CPU after it (kernel/sched/fair.c select_idle_sibling, select_idle_cpu's wrapping
 * scan), and stays there afterwards (its previous CPU is where the next wake-up looks first).
 */
class SysrqWriterCpuTest {

  private static final long S = 1_000_000_000L;

  private static List<String> sending(List<TimelineCommand> timeline) {
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true,
        "console=ttyS0 rcupdate.rcu_cpu_stall_suppress=1", "Test CPU", 3_000_000,
        HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
    List<String> log = new ArrayList<>();
    EmbeddedLinuxRun.run(m, timeline, 20 * S, ConfigFactory.empty(), o -> {
      if (o.output() instanceof KernelLog l) {
        l.lines().stream().map(LogLine::text).filter(t -> t.startsWith("Sending NMI"))
            .forEach(log::add);
      }
    });
    return log;
  }

  private static TimelineCommand at(long t, String line) {
    return new TimelineCommand(t, 0, line, "test");
  }

  @Test
  void theShellRunsTheWriteOnTheBootCpuUntilItIsMoved() {
    assertEquals(List.of("Sending NMI from CPU 0 to CPUs 1-3:",
        "Sending NMI from CPU 0 to CPUs 1-3:"), sending(List.of(
            at(3 * S, "echo l > /proc/sysrq-trigger"),
            at(6 * S, "echo l > /proc/sysrq-trigger"))));
  }

  @Test
  void aTaskHoldingTheShellsCpuMovesItToTheNextIdleCpuWhereItThenStays() {
    assertEquals(List.of("Sending NMI from CPU 2 to CPUs 0-1,3:",
        "Sending NMI from CPU 2 to CPUs 0-1,3:"), sending(List.of(
            at(2 * S, "inject softlockup cpu 0 for 6s"),
            at(2 * S + 1, "inject softlockup cpu 1 for 6s"),
            at(3 * S, "echo l > /proc/sysrq-trigger"),
            at(12 * S, "echo l > /proc/sysrq-trigger"))));
  }
}

package io.smpsim.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
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
 * The shell's background busy loop ({@code while :; do :; done &}): a forked subshell spinning
 * in user space, placed as wake_up_new_task() places a fork (the first idle CPU after the
 * shell's), preemptible and in user mode at every tick, so neither the soft-lockup detector
 * nor RCU complains, and an NMI backtrace shows its user registers without a call trace
 * (arch/x86/kernel/process_64.c __show_regs(SHOW_REGS_USER)).
 */
class UserLoopTest {

  private static final long S = 1_000_000_000L;
  private static final String LOOP = "while :; do :; done &";

  private record Run(List<String> log, List<CommandResult> results) {}

  private static Run run(List<TimelineCommand> timeline, long durationNs) {
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true, "console=ttyS0", "Test CPU",
        3_000_000, HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
    List<String> log = new ArrayList<>();
    List<CommandResult> results = new ArrayList<>();
    EmbeddedLinuxRun.run(m, timeline, durationNs, ConfigFactory.empty(), o -> {
      if (o.output() instanceof KernelLog l) {
        l.lines().stream().map(LogLine::text).forEach(log::add);
      } else if (o.output() instanceof CommandResult r) {
        results.add(r);
      }
    });
    return new Run(log, results);
  }

  private static TimelineCommand at(long t, String line) {
    return new TimelineCommand(t, 0, line, "test");
  }

  /** The lines of CPU {@code cpu}'s NMI backtrace, from its heading to the next CPU's. */
  private static List<String> backtraceOf(List<String> log, int cpu) {
    int from = log.indexOf("NMI backtrace for cpu " + cpu);
    assertTrue(from >= 0, "no backtrace for cpu " + cpu + " in " + log);
    List<String> lines = new ArrayList<>();
    for (int i = from + 1; i < log.size() && !log.get(i).startsWith("NMI backtrace for cpu"); i++) {
      lines.add(log.get(i));
    }
    return lines;
  }

  @Test
  void twoLoopsRunInUserModeOnTheFirstIdleCpusAfterTheShells() {
    Run r = run(List.of(at(2 * S, LOOP), at(2 * S, LOOP),
        at(3 * S, "echo l > /proc/sysrq-trigger")), 4 * S);
    assertEquals(0, r.results().get(0).exit());
    assertEquals("", r.results().get(0).stdout());
    assertTrue(r.log().contains("Sending NMI from CPU 0 to CPUs 1-3:"), r.log().toString());
    for (int cpu : new int[] {1, 2}) {
      List<String> bt = backtraceOf(r.log(), cpu);
      assertTrue(bt.get(0).startsWith("CPU: " + cpu + " PID: ") && bt.get(0).contains(" Comm: sh "),
          bt.toString());
      assertTrue(bt.stream().anyMatch(l -> l.startsWith("RIP: 0033:0x")), bt.toString());
      assertTrue(bt.stream().anyMatch(l -> l.matches("FS:  [0-9a-f]{16} GS:  [0-9a-f]{16}")),
          bt.toString());
      assertFalse(bt.stream().anyMatch(l -> l.startsWith("Call Trace:")
          || l.contains("ORIG_RAX") || l.startsWith("CS: ")), bt.toString());
    }
    assertTrue(r.log().contains("NMI backtrace for cpu 3 skipped: idling at"
        + " native_safe_halt+0xb/0x10"), r.log().toString());
  }

  @Test
  void aLongUserLoopIsNeitherASoftLockupNorAnRcuStall() {
    Run r = run(List.of(at(2 * S, LOOP)), 60 * S);
    assertFalse(r.log().stream().anyMatch(l -> l.contains("soft lockup")
        || l.contains("rcu: INFO")), r.log().toString());
  }

  /** /proc/stat: the loop's CPU spends its time in user mode (account_process_tick()). */
  @Test
  void theLoopsTimeIsUserTimeInProcStat() {
    Run r = run(List.of(at(2 * S, LOOP), at(12 * S, "cat /proc/stat")), 13 * S);
    String cpu1 = r.results().get(1).stdout().lines().filter(l -> l.startsWith("cpu1 "))
        .findFirst().orElseThrow();
    String[] f = cpu1.split(" ");
    long user = Long.parseLong(f[1]);
    long system = Long.parseLong(f[3]);
    // About 10 s of USER_HZ (100) ticks in user mode, none in the kernel.
    assertTrue(user >= 995 && user <= 1000, cpu1);
    assertEquals(0, system, cpu1);
    String cpu2 = r.results().get(1).stdout().lines().filter(l -> l.startsWith("cpu2 "))
        .findFirst().orElseThrow();
    assertTrue(cpu2.startsWith("cpu2 0 0 0 "), cpu2);
  }

  @Test
  void onlyTheBackgroundBusyLoopIsAccepted() {
    Run r = run(List.of(at(2 * S, "while :; do :; done")), 3 * S);
    assertEquals(2, r.results().get(0).exit());
    assertTrue(r.results().get(0).stderr().contains("while :; do :; done &"));
  }

  @Test
  void withEveryOtherCpuBusyAForkStaysOnTheShellsCpuThenSharesTheLeastBusy() {
    // Loops 1-3 take CPUs 1-3; the fourth stays on the shell's CPU 0 (the waiting shell leaves
    // it as good as idle); the fifth shares CPU 1, the first of the equally busy ones. The
    // shell, its CPU taken and no CPU idle, preempts the loop on its own CPU to write sysrq.
    Run r = run(List.of(at(2 * S, LOOP), at(2 * S, LOOP), at(2 * S, LOOP), at(2 * S, LOOP),
        at(2 * S, LOOP), at(2 * S, "kill %2 %3 %4"), at(3 * S, "cat /proc/loadavg"),
        at(3 * S, "echo l > /proc/sysrq-trigger")), 4 * S);
    assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0),
        r.results().stream().map(CommandResult::exit).toList());
    assertTrue(r.results().get(6).stdout().matches("\\S+ \\S+ \\S+ 3/\\d+ \\d+\n"),
        "loops 1 and 5 and the reader are runnable: " + r.results().get(6).stdout());
    assertTrue(r.log().contains("Sending NMI from CPU 0 to CPUs 1-3:"), r.log().toString());
    assertTrue(backtraceOf(r.log(), 1).get(0).matches("CPU: 1 PID: 12[48] Comm: sh .*"),
        r.log().toString());
    for (int cpu : new int[] {2, 3}) {
      assertTrue(r.log().contains("NMI backtrace for cpu " + cpu + " skipped: idling at"
          + " native_safe_halt+0xb/0x10"), r.log().toString());
    }
  }

  @Test
  void aKernelTaskWokenOnALoopsCpuPreemptsItUntilItIsDone() {
    // check_preempt_wakeup(): the injected kernel spin takes CPU 1 from the loop at once and
    // keeps it (preemption off); when it is done, the loop runs there again.
    Run r = run(List.of(at(2 * S, LOOP), at(2 * S + S / 10, "echo l > /proc/sysrq-trigger"),
        at(2 * S + S / 5, "inject softlockup cpu 1 for 1s"),
        at(2 * S + S / 2, "echo l > /proc/sysrq-trigger"),
        at(4 * S, "echo l > /proc/sysrq-trigger")), 5 * S);
    assertEquals(List.of(0, 0, 0, 0, 0),
        r.results().stream().map(CommandResult::exit).toList());
    List<String> onCpu1 = r.log().stream().filter(l -> l.startsWith("CPU: 1 PID: "))
        .map(l -> l.split(" ")[5]).toList();
    assertEquals(List.of("sh", "softlockup/1", "sh"), onCpu1, r.log().toString());
  }

  @Test
  void aLoopIsFrozenThroughASuspendToIdleAndRunsAgainAfter() {
    // freeze_processes() takes the loop off CPU 1 before the machine sleeps in s2idle: the CPU
    // idles with its tick stopped (NO_HZ) instead of ticking at HZ for the 2 s; after
    // thaw_processes() the loop runs on CPU 1 again. The power button wakes the machine (an RTC
    // alarm would not: QEMU's pc raises its ACPI event only out of S3).
    Run r = run(List.of(at(2 * S, LOOP), at(2 * S + S / 10, "grep LOC /proc/interrupts"),
        at(2 * S + S / 10, "echo freeze > /sys/power/state"),
        at(4 * S, "inject wakeup"),
        at(2 * S + S / 10, "grep LOC /proc/interrupts"),
        at(2 * S + S / 10, "echo l > /proc/sysrq-trigger")), 6 * S);
    assertEquals(List.of(0, 0, 0, 0, 0, 0),
        r.results().stream().map(CommandResult::exit).toList());
    long before = Long.parseLong(r.results().get(1).stdout().trim().split("\\s+")[2]);
    long after = Long.parseLong(r.results().get(4).stdout().trim().split("\\s+")[2]);
    assertTrue(after - before <= 5, "CPU 1 ticked " + (after - before) + " times asleep");
    assertTrue(backtraceOf(r.log(), 1).get(0).matches("CPU: 1 PID: 124 Comm: sh .*"),
        r.log().toString());
  }
}

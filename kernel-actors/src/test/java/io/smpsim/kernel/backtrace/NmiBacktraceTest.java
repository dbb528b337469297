package io.smpsim.kernel.backtrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import io.smpsim.sim.OutputRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The all-CPU backtrace state machine (NmiBacktrace) on a 4-CPU machine run by the engine on an
 * embedded node, every message serialized: who asks, who answers, in which order, and what
 * happens to a CPU that cannot answer at once or a request made while another is in progress.
 */
class NmiBacktraceTest {

  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  /** What a run printed: log lines (dmesg format) and "command -> exit stdout stderr". */
  record Run(List<LogLine> log, List<String> commands) {
    List<String> texts(String contains) {
      return log.stream().map(LogLine::text).filter(t -> t.contains(contains)).toList();
    }

    long time(String text) {
      return log.stream().filter(l -> l.text().equals(text)).findFirst().orElseThrow().timeNs();
    }
  }

  private static Run run(List<Quirk> quirks, long durationNs, List<TimelineCommand> timeline) {
    return run("console=ttyS0", quirks, durationNs, timeline);
  }

  private static Run run(String cmdline, List<Quirk> quirks, long durationNs,
      List<TimelineCommand> timeline) {
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true, cmdline, "Test CPU",
        3_000_000, HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE, quirks);
    if (cmdline.contains("nmi_watchdog=2")) {
      // The local-APIC watchdog is nmi_watchdog=2 only on a 2.6 kernel.
      m = m.withKernel(KernelVersion.parse("2.6.20"), true);
    }
    Run r = new Run(new ArrayList<>(), new ArrayList<>());
    EmbeddedLinuxRun.run(m, timeline, durationNs,
        ConfigFactory.parseString("pekko.actor.serialize-messages = on"), o -> collect(o, r));
    return r;
  }

  private static void collect(OutputRecord o, Run r) {
    if (o.output() instanceof KernelLog log) {
      r.log().addAll(log.lines());
    } else if (o.output() instanceof CommandResult c) {
      r.commands().add(c.line() + " -> " + c.exit() + " " + c.stdout() + c.stderr());
    }
  }

  private static TimelineCommand at(long t, String line) {
    return new TimelineCommand(t, 0, line, "test");
  }

  @Test
  void sysrqDumpsTheAskingCpuFirstThenEachTargetOnceInCpuOrder() {
    Run r = run(List.of(), 3 * S, List.of(at(2 * S, "echo l > /proc/sysrq-trigger"),
        at(2 * S + 1, "cat /proc/sysrq-trigger")));
    assertEquals(List.of("sysrq: Show backtrace of all active CPUs",
        "NMI backtrace for cpu 0",
        "Sending NMI from CPU 0 to CPUs 1-3:",
        "NMI backtrace for cpu 1 skipped: idling at native_safe_halt+0xb/0x10",
        "NMI backtrace for cpu 2 skipped: idling at native_safe_halt+0xb/0x10",
        "NMI backtrace for cpu 3 skipped: idling at native_safe_halt+0xb/0x10"),
        r.log().stream().map(LogLine::text).filter(t -> t.startsWith("sysrq")
            || t.startsWith("NMI backtrace") || t.startsWith("Sending")).toList());
    assertEquals(List.of("echo l > /proc/sysrq-trigger -> 0 ",
        "cat /proc/sysrq-trigger -> 1 cat: read error: Invalid argument\n"), r.commands());
  }

  @Test
  void aCpuStuckInAnNmiAnswersLateAndARequestMadeMeanwhileIsDropped() {
    // CPU 0 spends 2 s in the IOCHK NMI handler (io_check_error's wait). The shell's write
    // runs on CPU 1 (CPU 0 is in the NMI, CPUs 2 and 3 run injected tasks), which waits for
    // CPU 0's latched NMI; meanwhile CPU 2's spinlock-debug report finds backtrace_flag set
    // and NMIs nobody.
    Run r = run(List.of(Quirk.SPINLOCK_LOCKUP_DEBUG), 6 * S, List.of(
        at(2 * S, "inject nmi-source iochk"),
        at(2 * S + 100 * MS, "inject spinlock cpu 2 holder 3 for 10s"),
        at(2 * S + 200 * MS, "echo l > /proc/sysrq-trigger")));
    assertEquals(List.of("Sending NMI from CPU 1 to CPUs 0,2-3:"), r.texts("Sending NMI"));
    assertEquals(List.of("BUG: spinlock lockup suspected on CPU#2, spinlock/2/125"),
        r.texts("BUG: spinlock"));
    long asked = r.time("Sending NMI from CPU 1 to CPUs 0,2-3:");
    long cpu0 = r.time("NMI backtrace for cpu 0 skipped: idling at native_safe_halt+0xb/0x10");
    long report = r.time("BUG: spinlock lockup suspected on CPU#2, spinlock/2/125");
    assertTrue(cpu0 - asked > S && cpu0 - asked < 2 * S, "CPU 0 answers when its NMI ends");
    assertTrue(report > asked && report < cpu0, "the report comes while CPU 1 waits");
    // Only CPU 1's request ran: CPU 2 printed no dump of its own, each CPU answered once, the
    // spinning ones with their registers.
    assertEquals(List.of("NMI backtrace for cpu 1"), r.texts("NMI backtrace for cpu 1"));
    assertEquals(List.of("NMI backtrace for cpu 2"), r.texts("NMI backtrace for cpu 2"));
    assertEquals(List.of("NMI backtrace for cpu 3"), r.texts("NMI backtrace for cpu 3"));
    assertTrue(r.time("NMI backtrace for cpu 2") < report);
    assertEquals(List.of("RIP: 0010:native_queued_spin_lock_slowpath+0x6e/0x2e0"),
        r.texts("RIP: 0010:native_queued"));
    assertEquals(List.of("RIP: 0010:inject_lock_holder+0x2b/0x50"),
        r.texts("RIP: 0010:inject_lock_holder"));
    assertEquals("echo l > /proc/sysrq-trigger -> 0 ", r.commands().get(2));
  }

  @Test
  void aTwoSixKernelPrintsEachBacktraceInItsNextWatchdogNmiWithoutAnIpi() {
    // nmi_watchdog=2: the local APIC watchdog counts unhalted cycles, so the idle CPUs get no
    // watchdog NMI and never answer; the busy one does, within a second; the write returns
    // after the 10 s wait.
    Run r = run("console=ttyS0 nmi_watchdog=2", List.of(), 15 * S, List.of(
        at(2 * S, "inject softlockup cpu 3"),
        at(2 * S + 100 * MS, "echo l > /proc/sysrq-trigger"),
        at(2 * S + 200 * MS, "cat /proc/cmdline")));
    assertEquals(List.of("SysRq : Show backtrace of all active CPUs"), r.texts("SysRq"));
    assertTrue(r.texts("Sending NMI").isEmpty(), "2.6 sends no IPI");
    assertEquals(List.of("NMI backtrace for cpu 3"), r.texts("NMI backtrace"));
    long asked = r.time("SysRq : Show backtrace of all active CPUs");
    long answered = r.time("NMI backtrace for cpu 3");
    assertTrue(answered > asked && answered - asked <= S, "at CPU 3's next watchdog NMI");
    List<String> texts = r.log().stream().map(LogLine::text).toList();
    int at = texts.indexOf("NMI backtrace for cpu 3");
    assertEquals(List.of("NMI backtrace for cpu 3",
        "Pid: 124, comm: softlockup/3 Not tainted 2.6.20 #1", "Call Trace:",
        " [<ffffffff8020b210>] inject_preempt_off_spin+0x1d/0x40",
        " [<ffffffff80248c5d>] kthread+0xd1/0x100", " [<ffffffff8020ae68>] child_rip+0xa/0x12",
        ""), texts.subList(at, at + 7));
    assertTrue(r.texts("Uhhuh").isEmpty());
    assertEquals(3, r.commands().size(), r.commands().toString());
  }
}

package io.smpsim.app.nmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.run.ScenarioRun;
import io.smpsim.kernel.shell.CommandResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RCU's CPU stall detector (kernel/rcu/tree_stall.h) in scenarios/rcu-stall.conf (HZ=250, a
 * jiffy is 4 ms): a grace period starts the jiffy after a spinning task took its CPU, and is
 * reported at the first tick with {@code jiffies >= gp_start + rcu_cpu_stall_timeout * HZ} by
 * the stalled CPU itself when it still ticks, {@code RCU_STALL_RAT_DELAY} (2) jiffies later by
 * another CPU when it does not; the next warning is due {@code 3 * timeout * HZ + 3} jiffies
 * after a report.
 */
class RcuStallScenarioTest {

  private static ScenarioRun run;

  @BeforeAll
  static void runIt() {
    run = ScenarioRun.alone("rcu-stall.conf", null);
  }

  private static String at(long jiffy) {
    return String.format("[%5d.%06d] ", jiffy * 4 / 1000, jiffy * 4 % 1000 * 1000);
  }

  @Test
  void aCpuSpinningWithPreemptionOffReportsItselfAfterTheTimeoutAndAgainThreeTimeoutsLater() {
    // Spin from 2 s = jiffy 500: the grace period starts at 501, due at 501 + 21 * 250, which
    // CPU 1, not the timekeeper, sees a tick late; the next warning is due 3 timeouts + 3
    // jiffies after the report, seen a tick late again.
    long first = 501 + 21 * 250 + 1;
    long second = first + 3 * 21 * 250 + 3 + 1;
    List<String> self = run.lines("m0", "self-detected stall on CPU");
    assertEquals(at(first) + "rcu: INFO: rcu_preempt self-detected stall on CPU", self.get(0));
    assertEquals(at(second) + "rcu: INFO: rcu_preempt self-detected stall on CPU", self.get(1));
    assertEquals(List.of(at(first) + "\t(t=5251 jiffies g=-1195 q=1 ncpus=4)",
        at(second) + "\t(t=" + (second - 501) + " jiffies g=-1195 q=1 ncpus=4)"),
        run.lines("m0", "jiffies g=").subList(0, 2));
    // show_regs() of the spinning task, from the tick: no NMI was needed.
    assertTrue(run.lines("m0", "CPU: 1 PID").get(0).startsWith(at(first)));
    assertTrue(run.lines("m0", "NMI backtrace for cpu 1").isEmpty());
  }

  @Test
  void aCpuWithInterruptsOffIsReportedByAnotherCpuWhichNmisItForItsBacktrace() {
    // Spin from 95 s = jiffy 23750: the grace period starts at 23751, due at 29001, reported
    // by CPU 0 two jiffies later.
    long when = 23751 + 21 * 250 + 2;
    assertEquals(List.of(at(when) + "rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:"),
        run.lines("m0", "detected stalls on CPUs/tasks"));
    assertEquals(List.of(at(when) + "rcu: \t2-...0: (0 ticks this GP)"
        + " idle=0000/1/0x4000000000000000 softirq=0/0 fqs=2626"), run.lines("m0", "rcu: \t2-"));
    assertEquals(List.of(at(when) + "\t(detected by 0, t=5252 jiffies, g=-1195, q=1 ncpus=4)"),
        run.lines("m0", "detected by"));
    assertEquals(List.of(at(when) + "Sending NMI from CPU 0 to CPUs 2:"),
        run.lines("m0", "Sending NMI"));
    assertEquals(List.of(at(when) + "NMI backtrace for cpu 2"),
        run.lines("m0", "NMI backtrace for cpu 2"));
  }

  @Test
  void suppressedWarningsStayDueAndTheFirstTickAfterTheyAreAllowedReportsThem() {
    // Spin from 130 s = jiffy 32500, due at 32501 + 5250 = 151.004 s while suppressed; the
    // write at 155 s lets the next tick (jiffy 38751) report it, which CPU 3 sees at 38752.
    List<String> cpu3 = run.lines("m0", "rcu: \t3-");
    assertEquals(1, cpu3.size(), cpu3.toString());
    assertTrue(cpu3.get(0).startsWith(at(38752) + "rcu: \t3-....: (6251 ticks this GP)"),
        cpu3.get(0));
    assertEquals(List.of(at(38752) + "\t(t=6251 jiffies g=-1195 q=1 ncpus=4)"),
        run.lines("m0", "t=6251"));
  }

  @Test
  void theTimeoutIsWritableClampedToThreeToThreeHundredSecondsAndTakesEffectAtTheNextGp() {
    List<String> reads = run.commands().stream()
        .filter(c -> c.line().startsWith("cat /sys/module/rcupdate/parameters/"))
        .map(CommandResult::stdout).toList();
    assertEquals(List.of("21\n", "0\n", "5\n", "3\n", "3\n"), reads);
    CommandResult bad = run.commands().stream().filter(c -> c.line().startsWith("echo abc"))
        .findFirst().orElseThrow();
    assertEquals(1, bad.exit());
    assertEquals("sh: write error: Invalid argument\n", bad.stderr());
    // Spin from 165 s = jiffy 41250 with a 5 s timeout: due at 41251 + 1250, seen a tick late.
    assertEquals(List.of(at(41251 + 1250 + 1) + "\t(t=1251 jiffies g=-1191 q=1 ncpus=4)"),
        run.lines("m0", "t=1251 jiffies"));
  }

  @Test
  void theStallReportTouchesTheSoftLockupWatchdogAndPostponesItsReport() {
    long rcu = run.firstTime("m1", "self-detected stall on CPU");
    assertEquals((501 + 21 * 250 + 1) * 4_000_000L, rcu);
    // Without the touch the soft lockup would be reported once the stopper's touch (before
    // the spin, at 2 s) is 2 * watchdog_thresh = 20 s old; the touch restarts that period.
    long soft = run.firstTime("m1", "watchdog: BUG: soft lockup - CPU#1");
    assertTrue(soft > rcu + 20 * S && soft < 52 * S, "soft lockup reported at " + soft);
    assertTrue(run.lines("m1", "soft lockup").get(0).contains("stuck for 4"),
        run.lines("m1", "soft lockup").toString());
  }

  private static final long S = 1_000_000_000L;
}

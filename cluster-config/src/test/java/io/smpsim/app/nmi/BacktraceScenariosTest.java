package io.smpsim.app.nmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.run.ScenarioRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The all-CPU backtrace scenarios of scenarios/: SysRq 'l', the lockup detectors'
 * *_all_cpu_backtrace, a stuck spinlock, and one backtrace per CPU of a 4,096-CPU machine.
 */
class BacktraceScenariosTest {

  @Test
  void sysrqLDumpsTheWritingCpuThenNmisEveryOtherOnlineCpu() {
    ScenarioRun r = ScenarioRun.alone("backtrace.conf", null);
    assertEquals(List.of("[    3.000000] sysrq: Show backtrace of all active CPUs",
        "[    7.000000] sysrq: Show backtrace of all active CPUs"), r.lines("m0", "sysrq:"));
    assertEquals(List.of("[    3.000000] Sending NMI from CPU 0 to CPUs 1-7:",
        "[    7.000000] Sending NMI from CPU 0 to CPUs 1-7:",
        // The perf NMI counts unhalted cycles: CPU 3's counter overflows sooner by the cycles
        // of the keyboard probe's nine interrupts at boot, of the tick the first one's entropy
        // mix timer woke it for (drivers/char/random.c), of the wake-up of its stopper by
        // mtrr_aps_init()'s stop_machine() at the end of smp_init(), and of its SysRq NMI
        // handler (its one line, 2 us).
        "[   24.999788] Sending NMI from CPU 3 to CPUs 0-2,4-7:",
        // RCU's stall detector NMIs CPU 3, which holds up the grace period (tree_stall.h).
        "[   26.012000] Sending NMI from CPU 0 to CPUs 3:"), r.lines("m0", "Sending NMI"));
    List<String> texts = r.texts("m0");
    // The writing CPU dumps itself (dump_stack from write_sysrq_trigger) before the Sending line.
    int self = texts.indexOf("NMI backtrace for cpu 0");
    int sending = texts.indexOf("Sending NMI from CPU 0 to CPUs 1-7:");
    assertTrue(self >= 0 && self < sending, "self dump first");
    assertEquals("CPU: 0 PID: 1 Comm: init Not tainted 6.1.0-56-amd64 #1  Debian 6.1.192-2", texts.get(self + 1));
    assertTrue(texts.subList(self, sending).contains(" write_sysrq_trigger+0x24/0x40"));
    // First time: every other CPU is idle.
    assertEquals(List.of(
        "NMI backtrace for cpu 1 skipped: idling at native_safe_halt+0xb/0x10",
        "NMI backtrace for cpu 2 skipped: idling at native_safe_halt+0xb/0x10",
        "NMI backtrace for cpu 3 skipped: idling at native_safe_halt+0xb/0x10",
        "NMI backtrace for cpu 4 skipped: idling at native_safe_halt+0xb/0x10",
        "NMI backtrace for cpu 5 skipped: idling at native_safe_halt+0xb/0x10",
        "NMI backtrace for cpu 6 skipped: idling at native_safe_halt+0xb/0x10",
        "NMI backtrace for cpu 7 skipped: idling at native_safe_halt+0xb/0x10"),
        texts.subList(sending + 1, sending + 8));
    // Second time: the interrupts-off spinner and the preempt-off one answer with registers;
    // one CPU's lines stay together.
    int second = texts.lastIndexOf("Sending NMI from CPU 0 to CPUs 1-7:");
    int cpu3 = texts.subList(second, texts.size()).indexOf("NMI backtrace for cpu 3") + second;
    assertEquals(List.of("NMI backtrace for cpu 3",
        "CPU: 3 PID: 148 Comm: hardlockup/3 Not tainted 6.1.0-56-amd64 #1  Debian 6.1.192-2",
        "Hardware name: smpsim Simulated SMP machine/smpsim, BIOS 1.0 01/01/2026",
        "RIP: 0010:inject_irqs_off_spin+0x1d/0x40"), texts.subList(cpu3, cpu3 + 4));
    assertEquals("RSP: 0018:ffffc9000000fe98 EFLAGS: 00000046", texts.get(cpu3 + 5));
    // 6.1's kthread frames: kthread, kthread_complete_and_exit, ret_from_fork.
    assertEquals(" </TASK>", texts.get(cpu3 + 19));
    assertEquals("NMI backtrace for cpu 4 skipped: idling at native_safe_halt+0xb/0x10",
        texts.get(cpu3 + 20));
    assertEquals(List.of("[    7.000000] RIP: 0010:inject_preempt_off_spin+0x1d/0x40"),
        r.lines("m0", "RIP: 0010:inject_preempt_off_spin"));
    // hardlockup_all_cpu_backtrace: the report NMIs the other seven, all idle by then.
    assertEquals(List.of("[   24.999788] watchdog: Watchdog detected hard LOCKUP on cpu 3"),
        r.lines("m0", "hard LOCKUP"));
    // Two sysrq-l (the writer and seven others each), the hard lockup's seven, and RCU's stall
    // NMI to CPU 3.
    assertEquals(8 + 8 + 7 + 1, r.lines("m0", "NMI backtrace for cpu").size());
    assertEquals("", r.command("m0", "echo l > /proc/sysrq-trigger").stderr());
    // The recorded Debian kernel's default (the trigger file works whatever the mask).
    assertEquals("438\n", r.command("m0", "cat /proc/sys/kernel/sysrq").stdout());
  }

  @Test
  void aStuckSpinlockShowsItsHolderWithDebugSpinlockOrThroughTheSoftLockup() {
    ScenarioRun r = ScenarioRun.alone("spinlock-backtrace.conf", null);
    assertEquals(List.of(
        "[    4.000000] BUG: spinlock lockup suspected on CPU#2, spinlock/2/149",
        "[    4.000000]  lock: inject_lock+0x0/0x40, .magic: dead4ead,"
            + " .owner: lockholder/6/148, .owner_cpu: 6"),
        List.of(r.lines("m0", "BUG: spinlock").get(0), r.lines("m0", " lock: ").get(0)));
    assertEquals(List.of("[    4.000000] NMI backtrace for cpu 2"),
        r.lines("m0", "NMI backtrace for cpu 2"));
    assertEquals(List.of("[    4.000000] Sending NMI from CPU 2 to CPUs 0-1,3-7:"),
        r.lines("m0", "Sending NMI"));
    assertEquals(List.of("[    4.000000] NMI backtrace for cpu 6",
        "[   12.999816] Modules linked in:"),
        List.of(r.lines("m0", "NMI backtrace for cpu 6").get(0),
            r.lines("m0", "Modules linked in:").get(0)));
    assertEquals("[    4.000000] RIP: 0010:inject_lock_holder+0x2b/0x50",
        r.lines("m0", "RIP: 0010:inject_lock_holder").get(0));
    // The backtrace wait touched the soft-lockup watchdog at 4 s, after the waiter's idle exit
    // at 3 s had (tick_nohz_restart_sched_tick): the period restarts at the same 4.5 s timer.
    assertEquals(List.of("[   28.522022] watchdog: BUG: soft lockup - CPU#2 stuck for 26s!"
        + " [spinlock/2:149]"), r.lines("m0", "soft lockup"));
    // Today's kernel: no spinlock report; the soft lockup report NMIs the others instead.
    assertTrue(r.lines("m1", "BUG: spinlock").isEmpty());
    assertEquals(List.of("[   28.522022] watchdog: BUG: soft lockup - CPU#2 stuck for 26s!"
        + " [spinlock/2:149]"), r.lines("m1", "soft lockup"));
    assertEquals(List.of("[   28.522022] Sending NMI from CPU 2 to CPUs 0-1,3-7:"),
        r.lines("m1", "Sending NMI"));
    assertEquals(List.of("[   28.522022] NMI backtrace for cpu 6"),
        r.lines("m1", "NMI backtrace for cpu 6"));
    assertEquals(List.of("[   28.522022]  _raw_spin_lock+0x29/0x30",
        "[   28.522022]  inject_spinlock_wait+0x2b/0x50"),
        List.of(r.lines("m1", "_raw_spin_lock").get(0),
            r.lines("m1", "inject_spinlock_wait").get(0)));
  }

  @Test
  void onFourThousandCpusEveryOtherOnlineCpuAnswersOnce() {
    ScenarioRun r = ScenarioRun.alone("backtrace-4096.conf", null);
    assertEquals(List.of("[    6.000000] Sending NMI from CPU 0 to CPUs 1-4095:"),
        r.lines("m0", "Sending NMI"));
    List<String> answers = r.lines("m0", "NMI backtrace for cpu ");
    assertEquals(4096, answers.size());
    assertEquals("[    6.000000] NMI backtrace for cpu 0", answers.get(0));
    for (int c = 1; c < 4096; c++) {
      String want = "NMI backtrace for cpu " + c + " skipped: idling at native_safe_halt+0xb/0x10";
      assertTrue(answers.get(c).endsWith(want), answers.get(c));
    }
  }
}

package io.smpsim.app.nmi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.app.run.ScenarioRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kernel.softlockup_panic on the recorded Debian 6.1 build: panic() from watchdog_timer_fn()
 * dumps the timer interrupt's IRQ stack (the build's dump_stack_lvl and APIC timer frames, as
 * its SysRq 'l' dumps show them), then, where show_trace_log_lvl() meets the registers the
 * interrupt's entry stub saved on the task's stack, those registers (SHOW_REGS_SHORT), then
 * the spinning thread's own frames (arch/x86/kernel/dumpstack.c).
 */
class SoftLockupPanicTraceTest {

  @Test
  void thePanicShowsTheIrqStackThenTheInterruptedRegistersOnTheTaskStack(@TempDir Path dir)
      throws Exception {
    ScenarioRun r = ScenarioRun.alone(dir, "softlockup-panic.conf", """
        seed = 1
        duration = 30s
        machines = [ { name = m0, cpus = 4, hz = 250, kernel = "6.1",
          cmdline = "console=ttyS0 watchdog_thresh=5 softlockup_panic=1 rcupdate.rcu_cpu_stall_suppress=1" } ]
        timeline = [ { at = 2s, run = "inject softlockup cpu 1 for 30s" } ]
        """);
    List<String> log = r.texts("m0");
    int panic = log.indexOf("Kernel panic - not syncing: softlockup: hung tasks");
    List<String> trace = log.subList(panic + 3, panic + 28);
    // panic(), watchdog_timer_fn()'s cold part and the timer function the unwinder finds on
    // the stack, the hrtimer core, as a real softlockup_panic on the build printed them; then
    // the APIC timer interrupt's frames.
    assertEquals(List.of("Call Trace:", " <IRQ>", " dump_stack_lvl+0x44/0x5c",
        " panic+0x118/0x2f4", " watchdog_timer_fn.cold+0xc/0x16",
        " ? lockup_detector_update_enable+0x50/0x50", " __hrtimer_run_queues+0x10d/0x250",
        " hrtimer_interrupt+0xf4/0x210"), trace.subList(0, 8));
    assertEquals(List.of(
        " __sysvec_apic_timer_interrupt+0x5d/0x110",
        " sysvec_apic_timer_interrupt+0x69/0x90",
        " </IRQ>",
        " <TASK>",
        " asm_sysvec_apic_timer_interrupt+0x16/0x20"), trace.subList(8, 13));
    assertEquals("RIP: 0010:inject_preempt_off_spin+0x1d/0x40", trace.get(13));
    assertEquals(List.of("R13", " kthread+0xda/0x100", " ? kthread_complete_and_exit+0x20/0x20",
        " ret_from_fork+0x22/0x30", " </TASK>"),
        List.of(trace.get(20).substring(0, 3), trace.get(21), trace.get(22), trace.get(23),
            trace.get(24)));
  }

  /**
   * kernel/panic.c (6.1): after the dump, the panic notifiers (x86's dump_kernel_offset():
   * the KASLR offset, a multiple of CONFIG_PHYSICAL_ALIGN, or "disabled" under nokaslr);
   * panic=-1 then restarts at once: no "Rebooting in" and no "---[ end Kernel panic" line.
   */
  @Test
  void withPanicMinusOneTheLastLineIsTheKernelOffset(@TempDir Path dir) throws Exception {
    for (String extra : List.of("", " nokaslr")) {
      ScenarioRun r = ScenarioRun.alone(dir, "softlockup-panic" + extra.strip() + ".conf", """
          seed = 1
          duration = 30s
          machines = [ { name = m0, cpus = 4, hz = 250, kernel = "6.1",
            cmdline = "console=ttyS0 watchdog_thresh=5 softlockup_panic=1 panic=-1 rcupdate.rcu_cpu_stall_suppress=1%s" } ]
          timeline = [ { at = 2s, run = "inject softlockup cpu 1 for 30s" } ]
          """.formatted(extra));
      List<String> log = r.texts("m0");
      String last = log.get(log.size() - 1);
      if (extra.isEmpty()) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Kernel Offset: 0x([0-9a-f]+)"
            + " from 0xffffffff81000000 \\(relocation range:"
            + " 0xffffffff80000000-0xffffffffbfffffff\\)").matcher(last);
        assertEquals(true, m.matches(), last);
        assertEquals(0, Long.parseLong(m.group(1), 16) % 0x200000, last);
      } else {
        assertEquals("Kernel Offset: disabled", last);
      }
      assertEquals(1, log.stream().filter(l -> l.startsWith("Kernel panic - not syncing:"))
          .count());
    }
  }
}

package io.smpsim.kernel.printk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.kernel.task.TaskKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The call trace of a task under a softirq that spins on top of it (the RCU callback of the
 * quirk qdisc-destroy-in-rcu over a {@code tc qdisc show}): the softirq on the IRQ stack, then
 * the task, as a soft-lockup report shows it and as a panic from the watchdog's interrupt,
 * taken in that softirq, shows it.
 */
class DumpStackSoftirqTest {

  private static final DumpStack.Where W = new DumpStack.Where(0,
      new CpuTask("tc", 112, TaskKind.QDISC_DESTROY_RCU, -1, -1), true, 0,
      KernelVersion.DEFAULT);

  @Test
  void theSoftirqComesBetweenIrqMarkersAboveTheTaskItInterrupted() {
    List<String> t = DumpStack.taskTrace(W);
    assertEquals(List.of("Call Trace:", " <IRQ>", " _raw_write_lock+0x2a/0x30",
        " __qdisc_destroy+0x2d/0xb0"), t.subList(0, 4));
    int irqEnd = t.indexOf(" </IRQ>");
    assertEquals(List.of(" sysvec_apic_timer_interrupt+0x9e/0xc0", " </IRQ>", " <TASK>",
        " asm_sysvec_apic_timer_interrupt+0x16/0x20", " tc_dump_qdisc+0x11d/0x200"),
        t.subList(irqEnd - 1, irqEnd + 4));
    assertEquals(" </TASK>", t.get(t.size() - 1));
  }

  @Test
  void anInterruptTakenInTheSoftirqPrintsItsRegistersThenTheSoftirqThenTheTask() {
    List<String> t = DumpStack.irqTaskTrace(W);
    assertEquals(" asm_sysvec_apic_timer_interrupt+0x16/0x20", t.get(0));
    assertEquals("RIP: 0010:queued_write_lock_slowpath+0x6b/0x90", t.get(1));
    assertEquals(1, t.stream().filter(" </IRQ>"::equals).count());
    assertEquals(1, t.stream().filter(" <TASK>"::equals).count());
    assertEquals(0, t.stream().filter(" <IRQ>"::equals).count());
    assertEquals(" </TASK>", t.get(t.size() - 1));
  }
}

package io.smpsim.kernel.trace;

import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;
import io.smpsim.kernel.task.CpuTask;

/**
 * The scheduler's tracepoint (kernel/trace, sched:sched_switch): each context switch becomes a
 * {@link SchedSwitch} output of the run, from which the run's report draws when each CPU was
 * idle, busy or busy with interrupts off, and its interrupt rates.
 */
public final class TraceSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.contextSwitch(TraceSubsystem::switched);
    r.wire(SchedSwitch.class);
  }

  private static void switched(KernelCpu cpu, CpuTask prev, CpuTask next) {
    IrqStats s = cpu.irqs();
    cpu.hw().output(new SchedSwitch(cpu.config().name(), cpu.index(),
        next == null ? null : next.comm(), next == null ? 0 : next.pid(),
        next != null && next.irqsOff(), interrupts(s), s.nmi));
  }

  /** Every hardware interrupt of the CPU's /proc/interrupts columns but the NMI row. */
  static long interrupts(IrqStats s) {
    long n = s.loc + s.spurious + s.pmi + s.irqWork + s.res + s.cal + s.tlb + s.mcp;
    for (long isa : s.isa) {
      n += isa;
    }
    for (long line : s.lines.values()) {
      n += line;
    }
    return n;
  }
}

package io.smpsim.kernel.trace;

import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;
import io.smpsim.kernel.task.CpuTask;

/**
 * The scheduler's tracepoint (kernel/trace, sched:sched_switch): each context switch becomes a
 * {@link SchedSwitch} output of the run, from which the run's report draws when each CPU was
 * idle, busy or busy with interrupts off, and its interrupt rates (with the {@link IrqCounters}
 * the CPU's interrupt entry emits between switches).
 */
public final class TraceSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.contextSwitch(TraceSubsystem::switched);
    r.wire(SchedSwitch.class, IrqCounters.class);
  }

  private static void switched(KernelCpu cpu, CpuTask prev, CpuTask next) {
    IrqStats s = cpu.irqs();
    cpu.hw().output(new SchedSwitch(cpu.config().name(), cpu.index(),
        next == null ? null : next.comm(), next == null ? 0 : next.pid(),
        next != null && next.irqsOff(), IrqCounters.interrupts(s), s.nmi));
  }

}

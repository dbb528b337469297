package io.smpsim.kernel.trace;

import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.sim.SimOutput;

/**
 * A CPU's interrupt counters, read while it handles an interrupt: once every HZ local-timer
 * interrupts (a second of ticking) and at each NMI that finds it running with interrupts off
 * (when no tick comes), so its interrupt rates can be told between context switches. Like
 * {@link SchedSwitch} it is an output of the run only, which nothing in the machine reads.
 *
 * @param machine the machine's name
 * @param cpu the CPU
 * @param irqs the hardware interrupts it took since boot (its /proc/interrupts columns but NMI)
 * @param nmis the NMIs it took since boot
 */
public record IrqCounters(String machine, int cpu, long irqs, long nmis) implements SimOutput {

  /** Emits {@code cpu}'s counters now. */
  public static void emit(KernelCpu cpu) {
    IrqStats s = cpu.irqs();
    cpu.hw().output(new IrqCounters(cpu.config().name(), cpu.index(), interrupts(s), s.nmi));
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

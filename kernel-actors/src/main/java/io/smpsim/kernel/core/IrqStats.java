package io.smpsim.kernel.core;

import io.smpsim.sim.serialization.WireMessage;

/**
 * One CPU's interrupt counters, the columns of /proc/interrupts (arch/x86/kernel/irq.c
 * {@code irq_stat}, plus the per-IRQ counts of the device rows).
 */
public final class IrqStats implements WireMessage {

  /** ISA IRQs counted per CPU (the device rows 0-15). */
  public static final int ISA_IRQS = 16;

  public long nmi;
  public long loc;
  public long spurious;
  public long pmi;
  public long irqWork;
  public long res;
  public long cal;
  public long tlb;
  public final long[] isa = new long[ISA_IRQS];

  /** A copy, for sending. */
  public IrqStats copy() {
    IrqStats c = new IrqStats();
    c.nmi = nmi;
    c.loc = loc;
    c.spurious = spurious;
    c.pmi = pmi;
    c.irqWork = irqWork;
    c.res = res;
    c.cal = cal;
    c.tlb = tlb;
    System.arraycopy(isa, 0, c.isa, 0, ISA_IRQS);
    return c;
  }
}

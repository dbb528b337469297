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
  /** Machine check polls (mce_poll_count): machine_check_poll() at each mcheck_cpu_init(). */
  public long mcp;
  public final long[] isa = new long[ISA_IRQS];
  /** Interrupts of the lines above the ISA range (MSI vectors), by Linux IRQ number. */
  public final java.util.TreeMap<Integer, Long> lines = new java.util.TreeMap<>();
  /**
   * Softirqs raised and run on this CPU ({@code kstat_cpu(cpu).softirqs}), indexed like
   * kernel/softirq.c softirq_to_name: HI TIMER NET_TX NET_RX BLOCK IRQ_POLL TASKLET SCHED
   * HRTIMER RCU.
   */
  public final long[] softirqs = new long[SOFTIRQS];
  /** Context switches on this CPU ({@code rq->nr_switches}). */
  public long ctxt;
  /** Nanoseconds this CPU spent in the idle loop (get_idle_time under NO_HZ). */
  public long idleNs;
  /** Nanoseconds this CPU has been online and out of the idle loop in the kernel (system time). */
  public long busyNs;
  /** Nanoseconds this CPU ran a task in user mode (user time). */
  public long userNs;

  /** Tasks on this CPU's runqueue when read ({@code rq->nr_running}), the idle task not. */
  public long nrRunning;

  /** NR_SOFTIRQS (include/linux/interrupt.h). */
  public static final int SOFTIRQS = 10;
  /** TIMER_SOFTIRQ's index (raised by the tick for expired timer-wheel timers). */
  public static final int TIMER_SOFTIRQ = 1;
  /** NET_TX_SOFTIRQ's index (raised by the networking stack). */
  public static final int NET_TX_SOFTIRQ = 2;
  /** NET_RX_SOFTIRQ's index. */
  public static final int NET_RX_SOFTIRQ = 3;
  /** TASKLET_SOFTIRQ's index. */
  public static final int TASKLET_SOFTIRQ = 6;
  /** SCHED_SOFTIRQ's index. */
  public static final int SCHED_SOFTIRQ = 7;
  /** RCU_SOFTIRQ's index. */
  public static final int RCU_SOFTIRQ = 9;

  /** Interrupts this CPU took on line {@code irq} (kstat_irqs_cpu). */
  public long count(int irq) {
    return irq < ISA_IRQS ? isa[irq] : lines.getOrDefault(irq, 0L);
  }

  /** Counts one interrupt of line {@code irq} on this CPU (kstat_incr_irqs_this_cpu). */
  public void countIrq(int irq) {
    if (irq < ISA_IRQS) {
      isa[irq]++;
    } else {
      lines.merge(irq, 1L, Long::sum);
    }
  }

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
    c.mcp = mcp;
    c.ctxt = ctxt;
    c.idleNs = idleNs;
    c.busyNs = busyNs;
    c.userNs = userNs;
    c.nrRunning = nrRunning;
    System.arraycopy(softirqs, 0, c.softirqs, 0, SOFTIRQS);
    System.arraycopy(isa, 0, c.isa, 0, ISA_IRQS);
    c.lines.putAll(lines);
    return c;
  }
}

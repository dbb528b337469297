package io.smpsim.kernel.stat;

import io.smpsim.kernel.core.IrqLine;
import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.core.VfsFile;
import java.util.function.ToLongFunction;

/**
 * /proc/interrupts (kernel/irq/proc.c show_interrupts, arch/x86/kernel/irq.c
 * arch_show_interrupts): a column per online CPU, the device rows, then the x86 rows.
 */
public record InterruptsFile() implements VfsFile {

  @Override
  public ShellJob read(TextFilter filter) {
    return new Job(filter);
  }

  /** Every online CPU's counters, then the table. */
  static final class Job extends PerCpuCounters {

    Job(TextFilter filter) {
      super(filter, false);
    }

    @Override
    String render(JobContext jc) {
      int prec = 3;
      StringBuilder b = new StringBuilder();
      b.append(" ".repeat(prec + 8));
      for (int cpu = online.nextSetBit(0); cpu >= 0; cpu = online.nextSetBit(cpu + 1)) {
        b.append(String.format("CPU%-8d", cpu));
      }
      b.append('\n');
      for (IrqLine d : jc.tables().irqLines(jc.config())) {
        b.append(String.format("%" + prec + "d: ", d.irq()));
        for (IrqStats s : onlineStats()) {
          b.append(String.format("%10d ", s.count(d.irq())));
        }
        // show_interrupts(): the chip name %8s, then the hwirq " %*lu" and the flow "-%-8s".
        int dash = d.hwirq().indexOf('-');
        b.append(String.format(" %8s", d.chip()))
            .append(String.format(" %" + prec + "s", d.hwirq().substring(0, dash)))
            .append(String.format("-%-8s", d.hwirq().substring(dash + 1)))
            .append("  ").append(d.name()).append('\n');
      }
      row(b, prec, "NMI", "Non-maskable interrupts", s -> s.nmi);
      row(b, prec, "LOC", "Local timer interrupts", s -> s.loc);
      row(b, prec, "SPU", "Spurious interrupts", s -> s.spurious);
      row(b, prec, "PMI", "Performance monitoring interrupts", s -> s.pmi);
      row(b, prec, "IWI", "IRQ work interrupts", s -> s.irqWork);
      row(b, prec, "RTR", "APIC ICR read retries", s -> 0);
      row(b, prec, "RES", "Rescheduling interrupts", s -> s.res);
      row(b, prec, "CAL", "Function call interrupts", s -> s.cal);
      row(b, prec, "TLB", "TLB shootdowns", s -> s.tlb);
      row(b, prec, "TRM", "Thermal event interrupts", s -> 0);
      row(b, prec, "THR", "Threshold APIC interrupts", s -> 0);
      // The build's config: CONFIG_X86_MCE_AMD (DFR) and CONFIG_HAVE_KVM (PIN, NPI, PIW) are
      // on, as in a distribution kernel; PLT only with an x86_platform_ipi_callback, which
      // no machine smpsim models installs.
      row(b, prec, "DFR", "Deferred Error APIC interrupts", s -> 0);
      row(b, prec, "MCE", "Machine check exceptions", s -> 0);
      row(b, prec, "MCP", "Machine check polls", s -> s.mcp);
      b.append(String.format("%" + prec + "s: %10d%n", "ERR", 0));
      b.append(String.format("%" + prec + "s: %10d%n", "MIS", 0));
      row(b, prec, "PIN", "Posted-interrupt notification event", s -> 0);
      row(b, prec, "NPI", "Nested posted-interrupt event", s -> 0);
      row(b, prec, "PIW", "Posted-interrupt wakeup event", s -> 0);
      return b.toString();
    }

    private void row(StringBuilder b, int prec, String label, String what,
        ToLongFunction<IrqStats> f) {
      b.append(String.format("%" + prec + "s: ", label));
      for (IrqStats s : onlineStats()) {
        b.append(String.format("%10d ", f.applyAsLong(s)));
      }
      b.append("  ").append(what).append('\n');
    }
  }
}

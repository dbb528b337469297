package io.smpsim.kernel.cpu;

import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.core.VfsFile;
import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.sim.SimMessage;
import java.util.BitSet;
import java.util.TreeMap;

/**
 * /proc/interrupts (kernel/irq/proc.c show_interrupts, arch/x86/kernel/irq.c
 * arch_show_interrupts): a column per online CPU, the device rows, then the x86 rows.
 */
public record InterruptsFile() implements VfsFile {

  @Override
  public ShellJob read(TextFilter filter) {
    return new Job(filter);
  }

  /** Device rows: ISA IRQ, hwirq pin, trigger, name. */
  private static final Object[][] DEVICES = {
      {0, 2, "edge", "timer"}, {8, 8, "edge", "rtc0"}, {9, 9, "fasteoi", "acpi"}};

  /** Gathers the masks, then every online CPU's counters, then renders. */
  static final class Job implements ShellJob {
    private final TextFilter filter;
    private BitSet online;
    private final TreeMap<Integer, IrqStats> stats = new TreeMap<>();

    Job(TextFilter filter) {
      this.filter = filter;
    }

    @Override
    public void start(JobContext jc) {
      jc.send(jc.layout().hotplug(), new CpuHotplug.QueryMasks(jc.jobId()));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (body instanceof CpuHotplug.Masks m) {
        online = m.online();
        for (int c = online.nextSetBit(0); c >= 0; c = online.nextSetBit(c + 1)) {
          jc.send(jc.layout().cpu(c),
              new Cpu.KernelMail(new CpuMessages.QueryIrqStats(jc.jobId())));
        }
      } else if (body instanceof CpuMessages.IrqStatsOf s) {
        stats.put(s.cpu(), s.stats());
        if (stats.size() == online.cardinality()) {
          String out = filter.apply(render());
          jc.finish(filter.exit(out), out, "");
        }
      }
    }

    private String render() {
      int prec = 3;
      StringBuilder b = new StringBuilder();
      b.append(" ".repeat(prec + 8));
      for (int cpu : stats.keySet()) {
        b.append(String.format("CPU%-8d", cpu));
      }
      b.append('\n');
      for (Object[] d : DEVICES) {
        int irq = (Integer) d[0];
        b.append(String.format("%" + prec + "d: ", irq));
        for (IrqStats s : stats.values()) {
          b.append(String.format("%10d ", s.isa[irq]));
        }
        b.append(String.format(" %8s", "IO-APIC"))
            .append(String.format(" %" + prec + "d", (Integer) d[1]))
            .append(String.format("-%-8s", d[2]))
            .append("  ").append(d[3]).append('\n');
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
      row(b, prec, "MCE", "Machine check exceptions", s -> 0);
      row(b, prec, "MCP", "Machine check polls", s -> 0);
      b.append(String.format("%" + prec + "s: %10d%n", "ERR", 0));
      b.append(String.format("%" + prec + "s: %10d%n", "MIS", 0));
      return b.toString();
    }

    private void row(StringBuilder b, int prec, String label, String what,
        java.util.function.ToLongFunction<IrqStats> f) {
      b.append(String.format("%" + prec + "s: ", label));
      for (IrqStats s : stats.values()) {
        b.append(String.format("%10d ", f.applyAsLong(s)));
      }
      b.append("  ").append(what).append('\n');
    }
  }
}

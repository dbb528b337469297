package io.smpsim.kernel.core;

import io.smpsim.kernel.MachineConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The directories of /proc/irq as {@code ls} shows them (kernel/irq/proc.c): one per interrupt
 * with a descriptor — the 16 legacy IRQs of x86 (NR_IRQS_LEGACY, allocated at boot by
 * early_irq_init) and every device line a subsystem registered — and default_smp_affinity;
 * in each, register_irq_proc()'s files and a directory per action named after its handler
 * (register_handler_proc()).
 */
final class ProcIrq {

  /** NR_IRQS_LEGACY. */
  static final int NR_IRQS_LEGACY = 16;

  private ProcIrq() {}

  /** The machine's device interrupt lines. */
  static List<IrqLine> lines(List<Function<MachineConfig, List<IrqLine>>> from,
      MachineConfig config) {
    List<IrqLine> all = new ArrayList<>();
    for (Function<MachineConfig, List<IrqLine>> f : from) {
      all.addAll(f.apply(config));
    }
    return all;
  }

  /** /proc/irq: the IRQ directories and default_smp_affinity (0644). */
  static List<Listing.Entry> root(List<IrqLine> lines) {
    TreeSet<Integer> irqs = new TreeSet<>();
    for (int i = 0; i < NR_IRQS_LEGACY; i++) {
      irqs.add(i);
    }
    lines.forEach(l -> irqs.add(l.irq()));
    List<Listing.Entry> l = new ArrayList<>();
    irqs.forEach(i -> l.add(Listing.Entry.dir(Integer.toString(i))));
    l.add(Listing.Entry.file("default_smp_affinity", true));
    return l;
  }

  /**
   * /proc/irq/N, or null when the machine has no such interrupt: smp_affinity and
   * smp_affinity_list (0644), affinity_hint, effective_affinity, effective_affinity_list, node
   * and spurious (0444), and the handlers' directories (0555).
   */
  static List<Listing.Entry> irq(int irq, List<IrqLine> lines) {
    List<Listing.Entry> l = new ArrayList<>();
    for (IrqLine line : lines) {
      if (line.irq() == irq) {
        l.add(new Listing.Entry(line.name(), 'd', 0555));
      }
    }
    if (irq >= NR_IRQS_LEGACY && l.isEmpty()) {
      return null;
    }
    l.add(Listing.Entry.file("smp_affinity", true));
    l.add(Listing.Entry.file("smp_affinity_list", true));
    for (String f : List.of("affinity_hint", "effective_affinity", "effective_affinity_list",
        "node", "spurious")) {
      l.add(Listing.Entry.file(f, false));
    }
    return l;
  }
}

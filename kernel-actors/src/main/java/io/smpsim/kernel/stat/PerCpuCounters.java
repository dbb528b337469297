package io.smpsim.kernel.stat;

import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.cpu.CpuMessages;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.sim.SimMessage;
import java.util.BitSet;
import java.util.TreeMap;

/**
 * A read of per-CPU counters (kstat_cpu, irq_stat): the CPU masks first, then each CPU's
 * counters from the CPU itself (they are its per-CPU variables), then the text. The files
 * that sum over possible CPUs (/proc/stat) ask every possible CPU, the tables of online
 * columns only the online ones.
 */
abstract class PerCpuCounters implements ShellJob {

  private final TextFilter filter;
  private final boolean possible;
  private BitSet asked;
  /** The online CPUs, the columns of the tables. */
  protected BitSet online;
  /** Each asked CPU's counters, by CPU. */
  protected final TreeMap<Integer, IrqStats> stats = new TreeMap<>();

  PerCpuCounters(TextFilter filter, boolean possible) {
    this.filter = filter;
    this.possible = possible;
  }

  @Override
  public final void start(JobContext jc) {
    jc.send(jc.layout().hotplug(), new CpuHotplug.QueryMasks(jc.jobId()));
    askMore(jc);
  }

  @Override
  public final void onReply(JobContext jc, SimMessage body) {
    if (body instanceof CpuHotplug.Masks m) {
      online = m.online();
      asked = possible ? m.possible() : m.online();
      for (int c = asked.nextSetBit(0); c >= 0; c = asked.nextSetBit(c + 1)) {
        jc.send(jc.layout().cpu(c),
            new Cpu.KernelMail(new CpuMessages.QueryIrqStats(jc.jobId())));
      }
      return;
    }
    if (body instanceof CpuMessages.IrqStatsOf s) {
      stats.put(s.cpu(), s.stats());
    } else {
      more(body);
    }
    if (asked != null && stats.size() == asked.cardinality() && hasMore()) {
      String out = filter.apply(render(jc));
      jc.finish(filter.exit(out), out, "");
    }
  }

  /** Asks the machine for what the file shows besides the CPUs' counters, if anything. */
  void askMore(JobContext jc) {}

  /** An answer to {@link #askMore}. */
  void more(SimMessage body) {}

  /** Whether every answer {@link #askMore} waits for has come. */
  boolean hasMore() {
    return true;
  }

  /** The file's text, every asked CPU (and {@link #askMore}'s asked) having answered. */
  abstract String render(JobContext jc);

  /** The online CPUs' counters, in CPU order. */
  final Iterable<IrqStats> onlineStats() {
    return stats.entrySet().stream().filter(e -> online.get(e.getKey()))
        .map(java.util.Map.Entry::getValue).toList();
  }
}

package io.smpsim.kernel.stat;

import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.core.VfsFile;
import java.util.List;

/**
 * /proc/softirqs (fs/proc/softirqs.c show_softirqs): a column per possible CPU, a row per
 * softirq in kernel/softirq.c softirq_to_name order, each count the times the softirq ran on
 * that CPU ({@code kstat_softirqs_cpu}).
 */
public record SoftirqsFile() implements VfsFile {

  /** kernel/softirq.c softirq_to_name[NR_SOFTIRQS]. */
  static final List<String> NAMES = List.of("HI", "TIMER", "NET_TX", "NET_RX", "BLOCK",
      "IRQ_POLL", "TASKLET", "SCHED", "HRTIMER", "RCU");

  @Override
  public ShellJob read(TextFilter filter) {
    return new PerCpuCounters(filter, true) {
      @Override
      String render(JobContext jc) {
        StringBuilder b = new StringBuilder("                    ");
        for (int cpu : stats.keySet()) {
          b.append(String.format("CPU%-8d", cpu));
        }
        b.append('\n');
        for (int i = 0; i < IrqStats.SOFTIRQS; i++) {
          b.append(String.format("%12s:", NAMES.get(i)));
          for (IrqStats s : stats.values()) {
            b.append(String.format(" %10d", s.softirqs[i]));
          }
          b.append('\n');
        }
        return b.toString();
      }
    };
  }
}

package io.smpsim.kernel.stat;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.IrqLine;
import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.core.VfsFile;
import java.util.List;

/**
 * /proc/stat (fs/proc/stat.c show_stat): the CPU time of all possible CPUs and of each online
 * one in USER_HZ ticks, the interrupt total and per-IRQ counts, context switches, the boot
 * time, forks, runnable and blocked tasks, and the softirq total and per-softirq counts.
 */
public record StatFile() implements VfsFile {

  /** USER_HZ: /proc/stat's clock_t ticks per second (nsec_to_clock_t). */
  static final long USER_HZ = 100;
  /** The IO-APIC's pins (gsi_top): smpsim's machines have one 24-pin IO-APIC. */
  static final int GSI_TOP = 24;
  /** NR_IRQS_LEGACY. */
  static final int NR_IRQS_LEGACY = 16;

  @Override
  public ShellJob read(TextFilter filter) {
    return new PerCpuCounters(filter, true) {
      @Override
      String render(JobContext jc) {
        return StatFile.render(this, jc);
      }
    };
  }

  /**
   * nr_irqs (arch/x86/kernel/apic/vector.c arch_probe_nr_irqs): the IO-APIC and legacy
   * IRQs, 8 per CPU, and 16 MSI vectors per GSI (CONFIG_PCI_MSI), if fewer than
   * NR_VECTORS * nr_cpu_ids.
   */
  static int nrIrqs(MachineConfig config) {
    int nr = GSI_TOP + NR_IRQS_LEGACY + 8 * config.cpus() + GSI_TOP * 16;
    return Math.min(nr, 256 * config.cpus());
  }

  /** nsec_to_clock_t(). */
  static long clockT(long ns) {
    return ns / (1_000_000_000L / USER_HZ);
  }

  /**
   * arch_irq_stat_cpu() (arch/x86/kernel/irq.c): the x86 counters that go into the "intr"
   * total (TLB shootdowns are function calls there, not counted apart).
   */
  static long archIrqStatCpu(IrqStats s) {
    return s.nmi + s.loc + s.spurious + s.pmi + s.irqWork + s.res + s.cal + s.mcp;
  }

  private static String render(PerCpuCounters c, JobContext jc) {
    long user = 0;
    long busy = 0;
    long idle = 0;
    long intr = 0;
    long ctxt = 0;
    long running = 0;
    // kstat_irqs_usr() of each IRQ: the lines the machine's subsystems registered.
    List<IrqLine> lines = jc.tables().irqLines(jc.config());
    java.util.Map<Integer, Long> perIrq = new java.util.HashMap<>();
    long[] perSoftirq = new long[IrqStats.SOFTIRQS];
    for (IrqStats s : c.stats.values()) {
      user += s.userNs;
      busy += s.busyNs;
      idle += s.idleNs;
      intr += archIrqStatCpu(s);
      ctxt += s.ctxt;
      running += s.nrRunning;
      for (IrqLine line : lines) {
        long n = s.count(line.irq());
        perIrq.merge(line.irq(), n, Long::sum);
        intr += n;
      }
      for (int i = 0; i < IrqStats.SOFTIRQS; i++) {
        perSoftirq[i] += s.softirqs[i];
      }
    }
    StringBuilder b = new StringBuilder();
    // The sum line converts the summed nanoseconds, as show_stat() does.
    cpuLine(b, "cpu ", user, busy, idle);
    for (var e : c.stats.entrySet()) {
      if (c.online.get(e.getKey())) {
        IrqStats s = e.getValue();
        cpuLine(b, "cpu" + e.getKey(), s.userNs, s.busyNs, s.idleNs);
      }
    }
    b.append("intr ").append(intr);
    int nrIrqs = nrIrqs(jc.config());
    for (int i = 0; i < nrIrqs; i++) {
      b.append(' ').append(perIrq.getOrDefault(i, 0L));
    }
    b.append('\n');
    b.append("ctxt ").append(ctxt).append('\n');
    // btime, the wall-clock second of boot (getboottime64()): timekeeping_init() takes the wall
    // time from the RTC, which smpsim's machines power on with at their scenario's time.
    b.append("btime ").append(jc.config().rtcSec()).append('\n');
    b.append("processes ").append(jc.lastPid()).append('\n');
    // nr_running() counts the task reading the file too.
    b.append("procs_running ").append(running + 1).append('\n');
    // nr_iowait(): smpsim models no block I/O.
    b.append("procs_blocked 0\n");
    long total = 0;
    for (long n : perSoftirq) {
      total += n;
    }
    b.append("softirq ").append(total);
    for (long n : perSoftirq) {
      b.append(' ').append(n);
    }
    b.append('\n');
    return b.toString();
  }

  /**
   * user nice system idle iowait irq softirq steal guest guest_nice: smpsim's CPUs run user
   * tasks (user), kernel code (system) or the idle loop; interrupt time is not accounted apart
   * (CONFIG_IRQ_TIME_ACCOUNTING off), and there is no guest or steal time.
   */
  private static void cpuLine(StringBuilder b, String label, long userNs, long busyNs,
      long idleNs) {
    b.append(label).append(' ').append(clockT(userNs)).append(" 0 ").append(clockT(busyNs))
        .append(' ')
        .append(clockT(idleNs)).append(" 0 0 0 0 0 0\n");
  }
}

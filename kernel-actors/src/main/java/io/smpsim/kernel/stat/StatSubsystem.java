package io.smpsim.kernel.stat;

import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;

/**
 * The kernel's statistics files (fs/proc/stat.c, fs/proc/softirqs.c, fs/proc/interrupts.c):
 * /proc/interrupts, /proc/softirqs and /proc/stat, rendered from the per-CPU counters each
 * CPU keeps (irq_stat, kstat_cpu, cpustat) and answers for itself.
 */
public final class StatSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.file("/proc/interrupts", c -> new InterruptsFile());
    r.file("/proc/softirqs", c -> new SoftirqsFile());
    r.file("/proc/stat", c -> new StatFile());
  }
}

package io.smpsim.kernel.stat;

import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.core.VfsFile;

/**
 * /proc/uptime (fs/proc/uptime.c uptime_proc_show): the seconds since boot
 * (ktime_get_boottime, the clock dmesg's stamps follow) and the idle seconds of all possible
 * CPUs together (get_idle_time: under NO_HZ each CPU's idle sleep time, its current idle
 * stretch included), each cut, not rounded, to hundredths: {@code "%lu.%02lu %lu.%02lu\n"}.
 */
public record UptimeFile() implements VfsFile {

  @Override
  public ShellJob read(TextFilter filter) {
    return new PerCpuCounters(filter, true) {
      @Override
      String render(JobContext jc) {
        long idle = 0;
        for (IrqStats s : stats.values()) {
          idle += s.idleNs;
        }
        return seconds(jc.now()) + " " + seconds(idle) + "\n";
      }
    };
  }

  /** {@code ns} as "%lu.%02lu": whole seconds, then hundredths cut. */
  static String seconds(long ns) {
    long hundredths = ns % 1_000_000_000L / 10_000_000L;
    return ns / 1_000_000_000L + "." + (hundredths < 10 ? "0" : "") + hundredths;
  }
}

package io.smpsim.kernel.stat;

import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.core.VfsFile;
import io.smpsim.kernel.sysctl.LoadAvg;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.kernel.task.BootTasks;
import io.smpsim.sim.SimMessage;

/**
 * /proc/loadavg (fs/proc/loadavg.c loadavg_proc_show): the 1, 5 and 15 minute load averages
 * ({@link LoadAvg}, rounded to hundredths), the runnable tasks of the online CPUs over the
 * tasks there are, and the last pid handed out: {@code "%lu.%02lu %lu.%02lu %lu.%02lu %u/%d
 * %d\n"}. The reader counts itself: it runs, it is a task and its pid is the last one. The
 * tasks are those {@code ps} lists (smpsim does not model every kernel thread a real kernel
 * has) and the tasks on the CPUs' runqueues that it does not.
 */
public record LoadavgFile() implements VfsFile {

  @Override
  public ShellJob read(TextFilter filter) {
    return new PerCpuCounters(filter, false) {
      private LoadAvg.Avenrun avenrun;

      @Override
      void askMore(JobContext jc) {
        jc.send(jc.layout().sysctl(), new Sysctl.LoadAvgRead(jc.jobId()));
      }

      @Override
      void more(SimMessage body) {
        if (body instanceof LoadAvg.Avenrun a) {
          avenrun = a;
        }
      }

      @Override
      boolean hasMore() {
        return avenrun != null;
      }

      @Override
      String render(JobContext jc) {
        long running = 0;
        for (IrqStats s : onlineStats()) {
          running += s.nrRunning;
        }
        // nr_running() and nr_threads count the reader, and its pid is the last handed out;
        // a stopped job's task is on no runqueue but still a thread.
        int threads = BootTasks.of(jc.config()).size() + (int) running
            + jc.jobs().stoppedCount() + 1;
        return LoadAvg.format(avenrun.one()) + " " + LoadAvg.format(avenrun.five()) + " "
            + LoadAvg.format(avenrun.fifteen()) + " " + (running + 1) + "/" + threads + " "
            + (jc.lastPid() + 1) + "\n";
      }
    };
  }
}

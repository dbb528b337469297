package io.smpsim.kernel.shell;

import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import java.util.ArrayList;
import java.util.List;

/**
 * busybox ps (procps/ps.c, ENABLE_DESKTOP's default {@code -o pid,user,args}): init, the
 * kernel threads in the order the kernel creates them, the shell and ps itself. Kernel threads
 * have no command line, so ps shows their comm in brackets.
 *
 * <p>The per-CPU threads are the smpboot threads each CPU gets when it is first brought up
 * (kernel/smpboot.c smpboot_create_threads, in registration order: cpuhp/N from kernel/cpu.c,
 * migration/N from kernel/stop_machine.c, ksoftirqd/N from kernel/softirq.c) and the per-CPU
 * workqueue pool's first workers (kernel/workqueue.c workqueue_prepare_cpu: kworker/N:0 and
 * the high-priority kworker/N:0H). 6.x has no watchdog/N: the soft-lockup detector runs its
 * touch as a stop_machine work on migration/N (kernel/watchdog.c, since 5.x). 2.6 creates
 * migration/N, ksoftirqd/N and the soft-lockup watchdog/N thread per CPU (kernel/softlockup.c
 * cpu_callback) and one events/N worker per CPU (kernel/workqueue.c).
 *
 * <p>Tasks smpsim's {@code inject} creates are not listed.
 */
record PsJob() implements ShellJob {

  @Override
  public void start(JobContext jc) {
    StringBuilder b = new StringBuilder("  PID USER     COMMAND\n");
    List<String> tasks = tasks(jc.config());
    for (int i = 0; i < tasks.size(); i++) {
      line(b, i + 1, tasks.get(i));
    }
    line(b, jc.lastPid() + 1, "ps");
    jc.ok(b.toString());
  }

  private static void line(StringBuilder b, int pid, String cmd) {
    b.append(String.format("%5d %-8.8s %s%n", pid, "0", cmd));
  }

  /** The machine's tasks from pid 1 on, each pid in turn: init, the kernel threads, sh. */
  static List<String> tasks(MachineConfig c) {
    KernelVersion v = c.kernel();
    List<String> t = new ArrayList<>();
    t.add("init");
    if (v.legacyNmiWatchdog()) {
      for (int cpu = 0; cpu < c.cpus(); cpu++) {
        t.add("[migration/" + cpu + "]");
        t.add("[ksoftirqd/" + cpu + "]");
        t.add("[watchdog/" + cpu + "]");
      }
      for (int cpu = 0; cpu < c.cpus(); cpu++) {
        t.add("[events/" + cpu + "]");
      }
      t.add("[khelper]");
      t.add("[kthread]");
    } else {
      t.add("[kthreadd]");
      t.add("[rcu_gp]");
      t.add("[rcu_par_gp]");
      t.add("[kworker/0:0]");
      t.add("[kworker/0:0H]");
      t.add("[mm_percpu_wq]");
      t.add("[rcu_tasks_kthread]");
      t.add("[ksoftirqd/0]");
      t.add("[rcu_preempt]");
      t.add("[migration/0]");
      t.add("[cpuhp/0]");
      for (int cpu = 1; cpu < c.cpus(); cpu++) {
        t.add("[cpuhp/" + cpu + "]");
        t.add("[migration/" + cpu + "]");
        t.add("[ksoftirqd/" + cpu + "]");
        t.add("[kworker/" + cpu + ":0]");
        t.add("[kworker/" + cpu + ":0H]");
      }
    }
    t.add("sh");
    return t;
  }
}

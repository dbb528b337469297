package io.smpsim.kernel.task;

import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.MachineConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The tasks a machine has once booted, by pid from 1 on: init, the kernel threads in the order
 * the kernel creates them, and the shell init runs. What {@code ps} lists and what
 * {@code nr_threads} counts.
 *
 * <p>The per-CPU threads are the smpboot threads each CPU gets when it is first brought up
 * (kernel/smpboot.c smpboot_create_threads, in registration order: cpuhp/N from kernel/cpu.c,
 * migration/N from kernel/stop_machine.c, ksoftirqd/N from kernel/softirq.c) and the per-CPU
 * workqueue pool's first workers (kernel/workqueue.c workqueue_prepare_cpu: kworker/N:0 and
 * the high-priority kworker/N:0H). 6.x has no watchdog/N: the soft-lockup detector runs its
 * touch as a stop_machine work on migration/N (kernel/watchdog.c, since 5.x). 2.6 creates
 * migration/N, ksoftirqd/N and the soft-lockup watchdog/N thread per CPU (kernel/softlockup.c
 * cpu_callback) and one events/N worker per CPU (kernel/workqueue.c).
 */
public final class BootTasks {

  private BootTasks() {}

  /** The machine's tasks from pid 1 on, each pid in turn: init, the kernel threads, sh. */
  public static List<String> of(MachineConfig c) {
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

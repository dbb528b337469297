package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.task.BootTasks;
import java.util.List;

/**
 * busybox ps (procps/ps.c, ENABLE_DESKTOP's default {@code -o pid,user,args}): the machine's
 * tasks from boot ({@link BootTasks}: init, the kernel threads, the shell), the shell's
 * background jobs (running or stopped) and ps itself.
 * Kernel threads have no command line, so ps shows their comm in brackets.
 *
 * <p>Tasks smpsim's {@code inject} creates are not listed.
 */
record PsJob() implements ShellJob {

  @Override
  public void start(JobContext jc) {
    // format_header(): each heading left-aligned in its column's width.
    StringBuilder b = new StringBuilder("PID   USER     COMMAND\n");
    List<String> tasks = BootTasks.of(jc.config());
    for (int i = 0; i < tasks.size(); i++) {
      line(b, i + 1, comm(tasks.get(i)));
    }
    // The background jobs' forked subshells keep their parent's command line.
    for (int pid : jc.jobs().livePids()) {
      line(b, pid, "sh");
    }
    line(b, jc.lastPid() + 1, "ps");
    jc.ok(b.toString());
  }

  /**
   * A kernel thread's name as ps shows it, {@code [comm]}: the comm holds TASK_COMM_LEN - 1 = 15
   * characters ({@code [rcu_tasks_kthre]}).
   */
  private static String comm(String task) {
    if (task.startsWith("[") && task.length() > 17) {
      return task.substring(0, 16) + "]";
    }
    return task;
  }

  private static void line(StringBuilder b, int pid, String cmd) {
    b.append(String.format("%5d %-8.8s %s%n", pid, "0", cmd));
  }
}

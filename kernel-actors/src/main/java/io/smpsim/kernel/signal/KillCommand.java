package io.smpsim.kernel.signal;

import io.smpsim.kernel.core.CpuList;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.JobTable;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.ShellJob.Done;
import io.smpsim.kernel.core.ShellJob.Failure;
import io.smpsim.kernel.sched.SchedMail;
import io.smpsim.kernel.sched.UserLoop;
import io.smpsim.kernel.signal.SignalMail.Delivered;
import io.smpsim.kernel.task.BootTasks;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * busybox ash's {@code kill} builtin (shell/ash.c killcmd, procps/kill.c kill_main):
 * {@code kill [-SIG | -s SIG | --] PID|%JOB...} and {@code kill -l [SIG|N...]}, with their
 * messages and exit statuses (the number of pids that failed; 2 for a job that does not exist,
 * before anything is sent). Each signal goes to its task through the kernel
 * ({@link SignalDelivery}); a task running on another CPU is kicked with a RESCHEDULE IPI.
 *
 * <p>Process groups ({@code kill 0}, {@code kill -- -PGID}) and {@code kill -1} are refused:
 * smpsim keeps no process groups.
 */
public final class KillCommand {

  private KillCommand() {}

  /** Parses {@code kill}'s words (after the name). */
  public static ShellJob parse(List<String> args) {
    if (!args.isEmpty() && args.get(0).equals("-l")) {
      return list(args.subList(1, args.size()));
    }
    if (args.isEmpty()) {
      return new Failure(1, "sh: you need to specify whom to kill");
    }
    int signo = Signals.SIGTERM;
    int first = 0;
    String a = args.get(0);
    String badName = null;
    if (a.startsWith("-")) {
      String name = a.substring(1);
      first = 1;
      if (!name.equals("-")) {
        if (name.equals("s") && args.size() > 1) {
          name = args.get(1);
          first = 2;
        }
        signo = Signals.number(name);
        if (signo < 0) {
          badName = name;
        }
      }
    }
    return new KillJob(signo, badName, List.copyOf(args), first);
  }

  /** {@code kill -l}: every name, or each argument's name or number. */
  private static ShellJob list(List<String> args) {
    if (args.isEmpty()) {
      return new Done(0, Signals.list(), "");
    }
    StringBuilder out = new StringBuilder();
    for (String a : args) {
      if (!a.isEmpty() && a.length() <= 10 && a.chars().allMatch(Character::isDigit)
          && Long.parseLong(a) <= 0xffffffffL) {
        // An exit status: 128 + N is "killed by signal N".
        out.append(Signals.name((int) (Long.parseLong(a) & 0x7f))).append('\n');
        continue;
      }
      int n = Signals.number(a);
      if (n < 0) {
        return new Done(1, out.toString(), "sh: unknown signal '" + a + "'\n");
      }
      out.append(n).append('\n');
    }
    return new Done(0, out.toString(), "");
  }

  /**
   * The signal sent to each target in turn. Jobs ({@code %N}) are turned into their pids first,
   * as ash does before kill_main() reads the line: a job that does not exist stops the command
   * before anything else is looked at.
   */
  static final class KillJob implements ShellJob {
    private final int signo;
    /** The signal name kill_main() will refuse, or null. */
    private final String badName;
    private final List<String> words;
    private final int first;
    private final List<Target> targets = new ArrayList<>();
    private final StringBuilder err = new StringBuilder();
    private int next;
    private int errors;
    /** The pid whose answer the job waits for (-1: none). */
    private int waitingFor = -1;

    /** A pid to signal, or the word that is not one ({@code invalid} not null). */
    record Target(int pid, String invalid) {}

    KillJob(int signo, String badName, List<String> words, int first) {
      this.signo = signo;
      this.badName = badName;
      this.words = words;
      this.first = first;
    }

    @Override
    public void start(JobContext jc) {
      for (String w : words) {
        String[] error = new String[1];
        if (w.startsWith("%") && jc.jobs().resolve(w, error) == null) {
          jc.fail(2, "sh: kill: " + error[0]);
          return;
        }
      }
      if (badName != null) {
        jc.fail(1, "sh: bad signal name '" + badName + "'");
        return;
      }
      if (first >= words.size()) {
        jc.fail(1, "sh: you need to specify whom to kill");
        return;
      }
      for (String w : words.subList(first, words.size())) {
        if (w.startsWith("%")) {
          JobTable.Job j = jc.jobs().resolve(w, new String[1]);
          // A job whose process is over is an empty word: nothing to signal, no error.
          if (j.running()) {
            targets.add(new Target(j.pid(), null));
          }
          continue;
        }
        Integer pid = pid(w);
        if (pid != null && pid <= 0) {
          jc.fail(1, "sh: kill: smpsim keeps no process groups: give pids or jobs, not "
              + pid);
          return;
        }
        targets.add(pid == null ? new Target(0, w) : new Target(pid, null));
      }
      proceed(jc);
    }

    /** bb_strtoi(): a decimal int, or null. */
    private static Integer pid(String w) {
      if (!w.matches("-?[0-9]{1,10}")) {
        return null;
      }
      long v = Long.parseLong(w);
      return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) v;
    }

    /** Signals the targets from {@link #next} on until one needs an answer from the machine. */
    private void proceed(JobContext jc) {
      while (next < targets.size()) {
        Target t = targets.get(next++);
        if (t.invalid() != null) {
          errors++;
          err.append("sh: invalid number '").append(t.invalid()).append("'\n");
          continue;
        }
        int pid = t.pid();
        if (pid <= BootTasks.of(jc.config()).size()) {
          // init and the kernel threads: init is SIGNAL_UNKILLABLE, kthreads ignore signals.
          continue;
        }
        if (pid > jc.lastPid()) {
          noSuchProcess(pid);
          continue;
        }
        JobTable.Job job = jc.jobs().byPid(pid);
        if (job != null && !job.running()) {
          noSuchProcess(pid);
          continue;
        }
        if (job != null && job.stopped()) {
          if (signalStopped(jc, job)) {
            return;
          }
          continue;
        }
        waitingFor = pid;
        int from = job != null ? job.cpu() : 0;
        jc.send(jc.layout().cpu(from), new Cpu.KernelMail(
            new SignalMail.Deliver(jc.jobId(), pid, signo, jc.config().cpus())));
        return;
      }
      jc.finish(errors, "", err.toString());
    }

    private void noSuchProcess(int pid) {
      errors++;
      err.append("sh: can't kill pid ").append(pid).append(": No such process\n");
    }

    /**
     * A stopped task is on no runqueue: SIGKILL ends it, SIGCONT wakes it (to die at once of a
     * fatal signal that waited), other fatal signals wait for the SIGCONT, the rest change
     * nothing. Returns whether the job now waits for the wake-up's placement.
     */
    private boolean signalStopped(JobContext jc, JobTable.Job job) {
      if (signo == Signals.SIGKILL) {
        jc.jobs().killed(job.pid(), signo);
        return false;
      }
      if (signo == Signals.SIGCONT) {
        if (job.pending() != 0) {
          jc.jobs().killed(job.pid(), job.pending());
          return false;
        }
        // try_to_wake_up(): its previous CPU if idle, else the next idle one.
        waitingFor = job.pid();
        UserLoop.place(jc, job.cpu(), jc.config().cpus(), jc.jobs().affinity(job.pid()));
        return true;
      }
      if (SignalDelivery.userLoopTakes(signo)
          && Signals.defaultAction(signo) == Signals.Action.TERMINATE) {
        jc.jobs().pend(job.pid(), signo);
      }
      return false;
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (waitingFor < 0) {
        return;
      }
      int pid = waitingFor;
      if (body instanceof SchedMail.Placed p) {
        waitingFor = -1;
        if (p.cpu() < 0) {
          errors++;
          BitSet mask = jc.jobs().affinity(pid);
          err.append("sh: can't continue pid ").append(pid).append(": smpsim runs one task per"
              + " CPU and every CPU").append(mask == null ? "" : " of its affinity ("
              + CpuList.format(mask) + ")").append(" is busy\n");
        } else {
          UserLoop.wake(jc, UserLoop.task(pid, jc.jobs().affinity(pid)), p.cpu());
          jc.jobs().continued(pid, p.cpu());
        }
        proceed(jc);
        return;
      }
      if (!(body instanceof Delivered d) || d.pid() != pid) {
        return;
      }
      waitingFor = -1;
      switch (d.outcome()) {
        case NO_SUCH_PROCESS -> noSuchProcess(pid);
        case TERMINATED -> jc.jobs().killed(pid, signo);
        case STOPPED -> {
          jc.jobs().seenOn(pid, d.cpu());
          jc.jobs().stopped(pid);
          // Its mask as the kernel had it (hotplug may have reset it), for the SIGCONT.
          jc.jobs().setAffinity(pid, d.allowed());
        }
        case IGNORED -> jc.jobs().seenOn(pid, d.cpu());
      }
      if (d.kick() && d.cpu() != jc.shellCpu()) {
        // signal_wake_up() -> kick_process(): the task runs on another CPU.
        UserLoop.kick(jc, d.cpu());
      }
      proceed(jc);
    }
  }
}

package io.smpsim.kernel.core;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shell's background jobs, as busybox ash keeps them (shell/ash.c jobtab, curjob): each
 * {@code &} command is a job with a number, the pid of its one process and, once it is over,
 * the signal that ended it. The list runs from the current job ({@code %+}) to the oldest, as
 * ash's {@code prev_job} chain does: a new job goes to the front, a job is forgotten once
 * {@code jobs} has shown it over.
 *
 * <p>The console shell runs without job control (ash on /dev/console: "can't access tty; job
 * control turned off"), so a job's process stays in the shell's process group and ash keeps
 * no command text for it.
 */
public final class JobTable {

  /** The shell's own pid and comm: it is init (the recordings' shell too). */
  public static final int SHELL_PID = 1;
  public static final String SHELL_COMM = "init";

  /** One job: its number, its process, where it was placed, and how it ended. */
  public static final class Job {
    private final int number;
    private final int pid;
    private int cpu;
    /** The signal that ended the process, or 0 while it runs. */
    private int killedBy;
    /** Stopped by a signal (ash, without job control, still calls the job Running). */
    private boolean stopped;
    /** A signal that will end the process once it is continued (0: none). */
    private int pending;

    Job(int number, int pid, int cpu) {
      this.number = number;
      this.pid = pid;
      this.cpu = cpu;
    }

    /** The job's number, {@code %N}. */
    public int number() {
      return number;
    }

    /** The pid of its process. */
    public int pid() {
      return pid;
    }

    /** The CPU its process was last placed on (where a signal looks for it first). */
    public int cpu() {
      return cpu;
    }

    /** Whether its process still runs. */
    public boolean running() {
      return killedBy == 0;
    }

    /** The signal that ended its process (0 while it runs). */
    public int killedBy() {
      return killedBy;
    }

    /** Whether its process is stopped (on no runqueue). */
    public boolean stopped() {
      return stopped;
    }

    /** The signal the stopped process will die of when continued, or 0. */
    public int pending() {
      return pending;
    }
  }

  /**
   * The CPU affinity (p->cpus_mask) of the shell's processes that have one of their own: the
   * shell itself (pid 1) and its jobs, by pid; a process not here may run on every CPU.
   */
  private final Map<Integer, BitSet> affinity = new HashMap<>();

  /** The jobs, the current one first. */
  private final ArrayList<Job> jobs = new ArrayList<>();
  /** The pid of the last background job started ({@code $!}), 0 before any. */
  private int lastPid;

  /**
   * makejob(): a new job for the process {@code pid} placed on {@code cpu}, numbered with the
   * lowest free number (a finished job keeps its number until {@code jobs} has shown it: ash
   * reuses only the slots of jobs {@code wait} waited for, and smpsim has no {@code wait}), and
   * made the current job.
   */
  public Job add(int pid, int cpu) {
    int number = 1;
    while (byNumber(number) != null) {
      number++;
    }
    Job j = new Job(number, pid, cpu);
    jobs.add(0, j);
    lastPid = pid;
    return j;
  }

  /**
   * The CPUs process {@code pid} may run on (as set, offline ones included), or null when it
   * may run on every CPU.
   */
  public BitSet affinity(int pid) {
    BitSet m = affinity.get(pid);
    return m == null ? null : (BitSet) m.clone();
  }

  /** sched_setaffinity(): process {@code pid} may run on {@code mask} only (null: every CPU). */
  public void setAffinity(int pid, BitSet mask) {
    if (mask == null) {
      affinity.remove(pid);
    } else {
      affinity.put(pid, (BitSet) mask.clone());
    }
  }

  /** {@code $!}: the pid of the last background job, "" before any (ash's backgndpid). */
  public String lastBackground() {
    return lastPid == 0 ? "" : Integer.toString(lastPid);
  }

  /** The job whose process is {@code pid}, or null. */
  public Job byPid(int pid) {
    for (Job j : jobs) {
      if (j.pid == pid) {
        return j;
      }
    }
    return null;
  }

  private Job byNumber(int number) {
    for (Job j : jobs) {
      if (j.number == number) {
        return j;
      }
    }
    return null;
  }

  /**
   * getjob(): the job {@code spec} names ({@code %N}, {@code %+}, {@code %%}, {@code %},
   * {@code %-}); ash's text forms ({@code %str}, {@code %?str}) match the command text, which a
   * shell without job control keeps empty: only {@code %?} matches, every job.
   *
   * @return the job, or null with the error ash raises in {@code error[0]}
   */
  public Job resolve(String spec, String[] error) {
    String p = spec.startsWith("%") ? spec.substring(1) : null;
    if (p == null) {
      error[0] = spec + ": no such job";
      return null;
    }
    if (p.isEmpty() || p.equals("+") || p.equals("%")) {
      if (jobs.isEmpty()) {
        error[0] = "No current job";
        return null;
      }
      return jobs.get(0);
    }
    if (p.equals("-")) {
      if (jobs.size() < 2) {
        error[0] = "No previous job";
        return null;
      }
      return jobs.get(1);
    }
    if (p.chars().allMatch(Character::isDigit) && p.length() < 10) {
      Job j = byNumber(Integer.parseInt(p));
      if (j != null) {
        return j;
      }
    }
    // %?str: the jobs whose (empty) command text contains str: with str empty, every job.
    if (p.equals("?") && !jobs.isEmpty()) {
      if (jobs.size() == 1) {
        return jobs.get(0);
      }
      error[0] = spec + ": ambiguous";
      return null;
    }
    error[0] = spec + ": no such job";
    return null;
  }

  /** The job's process was ended by signal {@code signo} (the shell reaped it). */
  public void killed(int pid, int signo) {
    Job j = byPid(pid);
    if (j != null && j.running()) {
      j.killedBy = signo;
      j.stopped = false;
    }
  }

  /** The job's process was found on {@code cpu}. */
  public void seenOn(int pid, int cpu) {
    Job j = byPid(pid);
    if (j != null) {
      j.cpu = cpu;
    }
  }

  /** The job's process stopped (it left its CPU, {@link Job#cpu()}). */
  public void stopped(int pid) {
    Job j = byPid(pid);
    if (j != null) {
      j.stopped = true;
    }
  }

  /** The stopped process got a fatal signal it takes once continued (the first one counts). */
  public void pend(int pid, int signo) {
    Job j = byPid(pid);
    if (j != null && j.pending == 0) {
      j.pending = signo;
    }
  }

  /** The stopped process was continued on {@code cpu}. */
  public void continued(int pid, int cpu) {
    Job j = byPid(pid);
    if (j != null) {
      j.stopped = false;
      j.cpu = cpu;
    }
  }

  /** How many of the jobs' processes are stopped (tasks on no runqueue). */
  public int stoppedCount() {
    return (int) jobs.stream().filter(j -> j.running() && j.stopped).count();
  }

  /** The jobs from the current one to the oldest. */
  public List<Job> list() {
    return List.copyOf(jobs);
  }

  /** freejob(): a finished job that {@code jobs} has reported. */
  public void forget(Job j) {
    jobs.remove(j);
  }

  /** The pids of the processes not yet ended (running or stopped), in pid order. */
  public List<Integer> livePids() {
    return jobs.stream().filter(Job::running).map(Job::pid).sorted().toList();
  }
}

package io.smpsim.kernel.sched;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.JobAsker;
import io.smpsim.kernel.core.CpuList;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.JobTable;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.Vectors;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.kernel.task.TaskKind;
import io.smpsim.kernel.task.TaskMail;
import io.smpsim.sim.SimMessage;
import java.util.BitSet;

/**
 * A user-space busy loop in the background: {@code while :; do :; done &} (or {@code while
 * true; ...}). The shell forks a subshell ({@code comm} "sh") that spins in user mode for ever:
 * preemptible, interrupts on, so the lockup detectors and RCU see a healthy CPU, and an NMI
 * backtrace dumps its user registers (__show_regs(regs, SHOW_REGS_USER), no call trace).
 *
 * <p>The child is placed as the kernel places a forked task (kernel/sched/core.c
 * wake_up_new_task -> select_task_rq_fair(SD_BALANCE_FORK) -> find_idlest_cpu): the parent's
 * own CPU is busy running the parent, so the idlest group is another CPU's; the groups are
 * walked from the parent's, and among equally idle ones the first found stays the pick. smpsim
 * so takes the first idle online CPU after the shell's, wrapping, as it does for the shell
 * woken from a busy CPU; check_preempt_curr() then preempts that CPU's idle task with a
 * RESCHEDULE IPI. With every CPU busy, the child shares the least busy one (CFS slices).
 * The loop runs until the end of the run or until a signal ends it (kernel.signal); it is the
 * shell's job {@code %N} ({@link io.smpsim.kernel.core.JobTable}).
 */
public final class UserLoop {

  /** The loop's comm: the forked subshell. */
  static final String COMM = "sh";

  private UserLoop() {}

  /** Parses {@code while ...}; the line as the user typed it. */
  static ShellJob parse(String line) {
    String l = line.strip().replaceAll("\\s+", " ");
    if (!l.matches("while (:|true) ?; ?do (:|true) ?; ?done ?&")) {
      return new ShellJob.Failure(2, "sh: smpsim runs 'while' only as a background busy loop:"
          + " while :; do :; done &");
    }
    return new Fork();
  }

  /** The fork: placement first, then the wake-up of the child on its CPU. */
  record Fork() implements ShellJob {
    @Override
    public void start(JobContext jc) {
      fork(jc);
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (!(body instanceof SchedMail.Placed p)) {
        return;
      }
      if (p.cpu() < 0) {
        BitSet inherited = jc.jobs().affinity(JobTable.SHELL_PID);
        jc.fail(2, "sh: can't fork: no CPU" + (inherited == null ? "" : " of the shell's"
            + " affinity (" + CpuList.format(inherited) + ")") + " can take the task");
        return;
      }
      // fork() copies the parent's cpus_mask.
      started(jc, p.cpu(), jc.jobs().affinity(JobTable.SHELL_PID));
    }
  }

  /**
   * The forked loop, placed on {@code cpu}, gets its pid, its affinity (null: every CPU) and
   * the CPU, and becomes the shell's newest job; the shell does not wait for it.
   */
  static void started(JobContext jc, int cpu, BitSet affinity) {
    int pid = jc.allocatePid();
    wake(jc, task(pid, affinity), cpu);
    jc.jobs().add(pid, cpu);
    if (affinity != null) {
      jc.jobs().setAffinity(pid, affinity);
    }
    jc.ok("");
  }

  /**
   * Places a task the shell forks: the child inherits the shell's affinity, and the scan
   * starts after the shell's own CPU and ends with it: the parent runs there now, but a shell
   * that waits for its next command leaves its CPU as good as idle, so the kernel keeps the
   * child there rather than on a CPU that spins (the local group has spare capacity).
   */
  static void fork(JobContext jc) {
    int cpus = jc.config().cpus();
    place(jc, (jc.shellCpu() + 1) % cpus, cpus, jc.jobs().affinity(JobTable.SHELL_PID));
  }

  /** The user loop task with pid {@code pid} and CPU affinity {@code allowed} (null: all). */
  public static CpuTask task(int pid, BitSet allowed) {
    return new CpuTask(COMM, pid, TaskKind.USER_LOOP, -1, -1, null, allowed);
  }

  /**
   * select_task_rq() for a user task of job {@code jc}: the first idle online CPU of the
   * {@code tries} from {@code from} on, wrapping, that {@code allowed} has (null: any); the
   * answer ({@link SchedMail.Placed}) comes to the job.
   */
  public static void place(JobContext jc, int from, int tries, BitSet allowed) {
    jc.send(jc.layout().cpu(from),
        new Cpu.KernelMail(new SchedMail.Place(jc.jobId(), tries, allowed)));
  }

  /**
   * try_to_wake_up() of {@code task} onto {@code cpu} from the shell's CPU: onto its runqueue,
   * then check_preempt_curr() preempts its idle task with a RESCHEDULE IPI.
   */
  public static void wake(JobContext jc, CpuTask task, int cpu) {
    jc.send(jc.layout().cpu(cpu), new Cpu.KernelMail(new TaskMail.Wake(task)));
    kick(jc, cpu);
  }

  /** smp_send_reschedule() from the shell's CPU to {@code cpu}: a RESCHEDULE IPI. */
  public static void kick(JobContext jc, int cpu) {
    jc.send(jc.layout().apic(jc.shellCpu()), new LocalApic.WriteIcr(DeliveryMode.FIXED,
        Shorthand.NONE, jc.layout().apicId(cpu), Vectors.RESCHEDULE));
  }

  /**
   * select_task_rq() on one CPU: take the task if idle, else ask the next CPU; when none of
   * them is idle, the least busy one takes it, the first found of equally busy ones
   * (find_idlest_group() -> update_pick_idlest(), kernel/sched/fair.c), and shares its CPU.
   */
  static void place(KernelCpu k, SchedMail.Place p) {
    // rq->nr_running: a task woken here a moment ago, not yet on the CPU, makes it busy too.
    boolean may = k.online() && !k.hw().inNmi()
        && (p.allowed() == null || p.allowed().get(k.index()));
    int load = k.nrRunning();
    if (may && load == 0) {
      answer(k, p.job(), k.index());
      return;
    }
    int best = p.best();
    int bestLoad = p.bestLoad();
    if (may && load < bestLoad) {
      best = k.index();
      bestLoad = load;
    }
    if (p.left() <= 1) {
      answer(k, p.job(), best);
      return;
    }
    k.mail((k.index() + 1) % k.config().cpus(),
        new SchedMail.Place(p.job(), p.left() - 1, p.allowed(), best, bestLoad));
  }

  private static void answer(KernelCpu k, long job, int cpu) {
    k.hw().send(k.layout().shell(), k.config().timings().mmio(),
        new JobAsker.Answer(job, new SchedMail.Placed(cpu)));
  }
}

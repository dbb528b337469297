package io.smpsim.kernel.signal;

import io.smpsim.kernel.JobAsker;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.signal.SignalMail.Delivered;
import io.smpsim.kernel.signal.SignalMail.Outcome;
import io.smpsim.kernel.task.CpuTask;

/**
 * A signal reaching a task on a CPU (kernel/signal.c send_signal -> prepare_signal ->
 * complete_signal): the CPUs are asked in turn, as smpsim keeps a task on one CPU's runqueue
 * and no global pid table; the CPU that has the task applies the default action.
 *
 * <p>Which tasks take it: kernel threads ignore every signal (kthreadd's ignore_signals(), and
 * sig_task_ignored() for PF_KTHREAD); a task in a system call that never returns to user mode
 * (a tc command spinning in the kernel) only ever has it pending. The shell's background loop
 * takes the default action, except for SIGINT and SIGQUIT, which ash sets to ignored in a
 * background job when job control is off (shell/ash.c forkchild), as on the console.
 */
final class SignalDelivery {

  private SignalDelivery() {}

  /** The CPU's part: has it the task, and what does the signal do to it. */
  static void deliver(KernelCpu k, SignalMail.Deliver d) {
    CpuTask t = k.task(d.pid());
    if (t == null) {
      if (d.left() <= 1) {
        answer(k, d.job(), new Delivered(d.pid(), -1, Outcome.NO_SUCH_PROCESS, false, null));
      } else {
        k.mail((k.index() + 1) % k.config().cpus(),
            new SignalMail.Deliver(d.job(), d.pid(), d.signo(), d.left() - 1));
      }
      return;
    }
    Outcome o = userLoopTakes(d.signo()) && t.kind().userMode() ? outcome(d.signo())
        : Outcome.IGNORED;
    boolean running = k.current() == t;
    if (o != Outcome.IGNORED) {
      k.removeTask(d.pid());
    }
    answer(k, d.job(), new Delivered(d.pid(), k.index(), o, running && o != Outcome.IGNORED,
        t.allowed()));
  }

  /** Whether the shell's background loop does anything on {@code signo} (0: a check only). */
  static boolean userLoopTakes(int signo) {
    return signo != 0 && signo != Signals.SIGINT && signo != Signals.SIGQUIT;
  }

  /** The default action as an outcome, for a task that is not stopped. */
  static Outcome outcome(int signo) {
    return switch (Signals.defaultAction(signo)) {
      case TERMINATE -> Outcome.TERMINATED;
      case STOP -> Outcome.STOPPED;
      case IGNORE -> Outcome.IGNORED;
    };
  }

  private static void answer(KernelCpu k, long job, Delivered d) {
    k.hw().send(k.layout().shell(), k.config().timings().mmio(), new JobAsker.Answer(job, d));
  }
}

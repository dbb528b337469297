package io.smpsim.kernel.sysrq;

import io.smpsim.kernel.printk.ConsoleLoglevel;
import io.smpsim.kernel.printk.Printk;
import io.smpsim.kernel.printk.Klog;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.kernel.JobAsker;
import io.smpsim.kernel.watchdog.Watchdogs;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.backtrace.NmiCpuBacktrace;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.printk.LogLevel;
import java.util.BitSet;
import java.util.List;

/**
 * The magic SysRq keys (drivers/tty/sysrq.c {@code __handle_sysrq}), as far as smpsim models
 * them: {@code 0}-{@code 9}, "Changing Loglevel" (sysrq_handle_loglevel: console_loglevel),
 * {@code l}, "Show backtrace of all active CPUs" (sysrq_handle_showallcpus:
 * trigger_all_cpu_backtrace(), the writing CPU included), {@code c}, "Trigger a crash"
 * (sysrq_handle_crash: panic). Any other key prints the HELP line.
 */
public final class Sysrq {

  /** The action text of 'l' ({@code sysrq_showallcpus_op.action_msg}). */
  public static final String SHOW_ALL_CPUS = "Show backtrace of all active CPUs";

  /**
   * The HELP line of the keys smpsim models, in sysrq_key_table order (0-9, then a-z), each
   * help_msg followed by a space as pr_cont("%s ", ...) prints it.
   */
  public static final String HELP = "HELP : loglevel(0-9) crash(c)"
      + " show-backtrace-all-active-cpus(l) ";

  /** The action text of the loglevel keys ({@code sysrq_loglevel_op.action_msg}). */
  public static final String LOGLEVEL = "Changing Loglevel";

  /** The action text of 'c' ({@code sysrq_crash_op.action_msg}). */
  public static final String CRASH = "Trigger a crash";

  private Sysrq() {}

  /**
   * The write reaches the kernel on this CPU, the one the shell task last ran on, if the
   * scheduler can run the task here. Otherwise the task was woken elsewhere
   * (kernel/sched/fair.c select_task_rq_fair): from a CPU another task holds (an injected task,
   * a user loop, or one stuck in an NMI handler), select_idle_sibling() finds its previous CPU
   * busy and select_idle_cpu() scans the LLC (every CPU of the machine the shell's affinity
   * has) for an idle one, starting after it and wrapping; from an offline CPU,
   * select_fallback_rq() takes the lowest-numbered online one. With no idle CPU, the shell
   * preempts the first user loop found from its own CPU on (check_preempt_wakeup(): the woken
   * shell has the smaller vruntime), its own first. The task stays where it ran
   * ({@link SysrqMail.Done#cpu}).
   */
  public static void handle(KernelCpu k, SysrqMail.Handle h) {
    int cpus = k.config().cpus();
    boolean may = k.online() && !k.hw().inNmi()
        && (h.allowed() == null || h.allowed().get(k.index()));
    // The first round looks for an idle CPU, the second for a user loop to preempt.
    boolean takes = may && (k.current() == null
        || (h.hops() >= cpus && k.current().timeSliced()));
    if (!takes) {
      if (h.hops() + 1 >= 2 * cpus) {
        done(k, h.job(), -1);
      } else {
        int next = !k.online() && h.hops() == 0 ? lowestOther(k) : (k.index() + 1) % cpus;
        k.mail(next, new SysrqMail.Handle(h.job(), h.key(), h.hops() + 1, h.allowed()));
      }
      return;
    }
    if (h.key() == 'l') {
      // pr_fmt "sysrq: " + the key's action_msg (2.6: "SysRq : "), then its handler.
      String prefix = Watchdogs.of(k).boot().mode().legacy() ? "SysRq : " : "sysrq: ";
      announce(k, List.of(prefix + SHOW_ALL_CPUS));
      k.triggerBacktrace(false, ShowAllCpus.CALLER, h.job());
      return;
    }
    if (h.key() >= '0' && h.key() <= '9') {
      // sysrq_handle_loglevel(): printed at the default console level, whatever the console's,
      // then console_loglevel = the digit (no minimum applies here). 2.6's printk has no prefix.
      boolean legacy = Watchdogs.of(k).boot().mode().legacy();
      int level = h.key() - '0';
      announce(k, List.of((legacy ? "SysRq : " : "sysrq: ") + LOGLEVEL));
      announce(k, List.of((legacy ? "" : "sysrq: ") + "Loglevel set to " + level));
      k.toSysctl(new Sysctl.SysrqLoglevel(level));
      done(k, h.job(), k.index());
      return;
    }
    if (h.key() == 'c') {
      // sysrq_handle_crash() (6.x): rcu_read_unlock(), then panic("sysrq triggered crash\n");
      // the write never returns.
      String prefix = Watchdogs.of(k).boot().mode().legacy() ? "SysRq : " : "sysrq: ";
      announce(k, List.of(prefix + CRASH));
      k.panicInTask("sysrq triggered crash", NmiCpuBacktrace.sysrqWriter(k, List.of(
          k.config().kernel().dumpStackLvlFrame(), k.config().kernel().panicFrame(),
          " sysrq_handle_crash+0x16/0x20")));
      return;
    }
    // No op for the key (a newline from echo "" included): __handle_sysrq prints the help_msg
    // of every op in sysrq_key_table order, each followed by a space, and the write succeeds.
    String prefix = Watchdogs.of(k).boot().mode().legacy() ? "SysRq : " : "sysrq: ";
    announce(k, List.of(prefix + HELP));
    done(k, h.job(), k.index());
  }

  /**
   * What __handle_sysrq() prints (the key's action, the HELP line, the loglevel key's
   * message): at CONSOLE_LOGLEVEL_DEFAULT, whatever the console's level, so it shows.
   */
  private static void announce(KernelCpu k, List<String> lines) {
    Klog.Write w = Printk.block(k.hw().now(), LogLevel.INFO, lines);
    k.hw().send(k.layout().klog(), k.config().timings().mmio(),
        new Klog.Write(w.lines(), ConsoleLoglevel.DEFAULT));
  }

  /**
   * select_fallback_rq()'s first pick: the lowest-numbered CPU other than this offline one; if
   * that cannot run the task either, the scan goes on upwards.
   */
  private static int lowestOther(KernelCpu k) {
    return k.index() == 0 ? 1 % k.config().cpus() : 0;
  }

  /** The handler returned on {@code cpu} (-1: no CPU ran it): so does the write. */
  public static void done(KernelCpu k, long job, int cpu) {
    k.hw().send(k.layout().shell(), k.config().timings().mmio(),
        new JobAsker.Answer(job, new SysrqMail.Done(cpu)));
  }

  /** The write of a shell whose affinity is {@code allowed} (null: every CPU), as first sent. */
  static Cpu.KernelMail first(long job, int key, BitSet allowed) {
    return new Cpu.KernelMail(new SysrqMail.Handle(job, key, 0, allowed));
  }
}

package io.smpsim.kernel.core;

import io.smpsim.hw.cpu.CpuContext;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.printk.DumpStack;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.sim.SimMessage;
import java.util.BitSet;
import java.util.List;

/**
 * The kernel running on one CPU, as its subsystems (NMI handling, the lockup detectors, panic,
 * injected tasks) see it while that CPU handles an event: its hardware, the core's per-CPU data
 * and services, and the per-CPU variables subsystems registered ({@link #get}). It names no
 * subsystem.
 */
public interface KernelCpu {

  /** The hardware CPU handling the current event. */
  CpuContext hw();

  int index();

  MachineConfig config();

  MachineLayout layout();

  /** This CPU's copy of a per-CPU variable a subsystem registered. */
  <T> T get(PerCpu<T> key);

  /** The kernel's taint flags as last published to this CPU (print_tainted()). */
  int taint();

  IrqStats irqs();

  /** The task on this CPU, or null when it runs the idle task (or boot code). */
  CpuTask current();

  /** The task with pid {@code pid} on this CPU's runqueue (running or woken), or null. */
  CpuTask task(int pid);

  /**
   * The task with pid {@code pid} leaves this CPU's runqueue: it exited (do_exit()) or stopped
   * (do_signal_stop()).
   */
  void removeTask(int pid);

  /** The task with pid {@code pid} here gets the CPU affinity {@code allowed} (null: every CPU). */
  void setAllowed(int pid, BitSet allowed);

  /** Whether the CPU sits in the idle loop. */
  boolean idle();

  /** rq->nr_running: the task on the CPU and the one woken onto its runqueue. */
  int nrRunning();

  /** Whether the interrupted context had interrupts enabled. */
  boolean irqsOn();

  /** The interrupted context, for reports. */
  DumpStack.Where where();

  /** printk at {@code level}; the lines stay together in the log. */
  void printk(LogLevel level, List<String> lines);

  /** Sends kernel data to another CPU's kernel. */
  void mail(int cpu, SimMessage msg);

  /** panic() on this CPU; {@code frames} are the call trace's kernel frames above panic. */
  void panic(String message, List<String> frames);

  /** panic() in a task's system call; {@code dump} is its whole dump_stack() output. */
  void panicInTask(String message, List<String> dump);

  /**
   * die_nmi()'s report under die_lock (2.6): {@code lines} are printed once this CPU holds the
   * lock; then a panic, or the current task is killed and the lock released.
   */
  void dieNmi(List<String> lines, boolean panic);

  /** touch_nmi_watchdog() (which also touches the soft lockup detector). */
  void touchNmiWatchdog();

  /** This CPU's IRQ0 (PIT/HPET) interrupts ({@code irq_stat.irq0_irqs}). */
  long irq0Count();

  /**
   * Accounts {@code ns} of kernel work from now on that no scheduled task stands for (a sending
   * thread's transmit path): system time in /proc/stat instead of idle or user time.
   */
  void accountSystemTime(long ns);

  /** jiffies. */
  long jiffies();

  /**
   * trigger_allbutcpu_cpu_backtrace(): NMI every other online CPU for its backtrace and wait
   * for them (in the current handler, which this holds); then {@code then} goes on.
   */
  default void backtraceOthers(BacktraceCaller then) {
    triggerBacktrace(true, then, -1);
  }

  /**
   * nmi_trigger_cpumask_backtrace() over the online CPUs, this one excluded or not
   * (trigger_all_cpu_backtrace); when it is over, {@code then} goes on ({@code job}: the shell
   * job a SysRq write belongs to, or -1).
   */
  void triggerBacktrace(boolean excludeSelf, BacktraceCaller then, long job);

  /** Whether this CPU is in cpu_online_mask. */
  boolean online();

  /** The arch_bt NMI handler's work: true if this CPU was asked and printed its backtrace. */
  boolean nmiCpuBacktrace();

  /**
   * An all-CPU backtrace this CPU asked for is over: its caller goes on; {@code waited}: the
   * CPU went through the wait loop, {@code held}: it was kept in its handler.
   */
  void backtraceFinished(BacktraceCaller then, long job, boolean held, boolean waited);

  /** Arms (or re-arms) one of this CPU's hrtimers. */
  void hrtimerStart(HrtimerFn fn, long expires);

  /** Cancels one of this CPU's hrtimers. */
  void hrtimerCancel(HrtimerFn fn);

  /** Tells the machine-wide sysctl/lockup-detector entity. */
  void toSysctl(SimMessage msg);
}

package io.smpsim.kernel.cpu;

import io.smpsim.kernel.locking.SpinlockDebug;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.kernel.task.TaskKind;
import io.smpsim.kernel.task.TaskMail;
import io.smpsim.kernel.watchdog.Watchdogs;
import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The scheduler on one CPU, as far as smpsim runs one (kernel/sched/core.c, idle.c, fair.c):
 * the idle loop with NO_HZ idle, the task on the CPU and those woken onto its runqueue (first
 * come, first served; user-space loops share the CPU in CFS slices), and the work that waits
 * for the CPU to schedule (the stopper, kworkers).
 */
final class CpuSched {

  private final LinuxCpu cpu;
  private boolean idle;
  private CpuTask current;
  /** When {@link #current} got the CPU. */
  private long ranSince;
  /** The runnable tasks waiting for the CPU, in the order they were woken. */
  private final ArrayList<CpuTask> queued = new ArrayList<>(2);
  /** User tasks the freezer stopped here before the CPU went down for a system sleep. */
  private List<CpuTask> frozen = List.of();
  private long taskTimer = -1;
  /** Work that waits for the CPU to schedule (smp_call_on_cpu: lockup-detector work). */
  private final ArrayList<SimMessage> deferred = new ArrayList<>();

  CpuSched(LinuxCpu cpu) {
    this.cpu = cpu;
  }

  /** rq->nr_running: the task on the CPU and those woken onto its runqueue. */
  int nrRunning() {
    return (current != null ? 1 : 0) + queued.size();
  }

  CpuTask current() {
    return current;
  }

  /** The task with this pid, on the CPU or woken onto its runqueue, or null. */
  CpuTask task(int pid) {
    if (current != null && current.pid() == pid) {
      return current;
    }
    for (CpuTask t : queued) {
      if (t.pid() == pid) {
        return t;
      }
    }
    return null;
  }

  /**
   * The task with this pid exits or stops: off the CPU, or off the runqueue before it ran.
   */
  void remove(int pid) {
    if (current != null && current.pid() == pid) {
      finishTask(true);
    } else if (queued.removeIf(t -> t.pid() == pid)) {
      cpu.nrRunningChanged();
    }
  }

  /** sched_setaffinity() of a task staying here: the same task, with its new mask. */
  void setAllowed(int pid, BitSet allowed) {
    if (current != null && current.pid() == pid) {
      current = current.withAllowed(allowed);
    } else {
      queued.replaceAll(t -> t.pid() == pid ? t.withAllowed(allowed) : t);
    }
  }

  boolean idle() {
    return idle;
  }

  /** try_to_wake_up(): the task goes onto this CPU's runqueue. */
  void wake(CpuTask task) {
    int at = queued.size();
    if (!task.timeSliced()) {
      // A kernel task goes before the user loops waiting here (see schedule()).
      while (at > 0 && queued.get(at - 1).timeSliced()) {
        at--;
      }
    }
    queued.add(at, task);
    cpu.nrRunningChanged();
  }

  /**
   * freeze_processes() (kernel/power/process.c): the user tasks here, running or waiting, enter
   * the refrigerator, off the runqueue; the CPU runs its next kernel task or idles.
   */
  void freezeUserTasks() {
    List<CpuTask> users = new ArrayList<>(2);
    if (current != null && current.kind().userMode()) {
      users.add(current);
    }
    for (CpuTask t : queued) {
      if (t.kind().userMode()) {
        users.add(t);
      }
    }
    // The waiting ones leave first, so that the running one's leaving switches to no other.
    for (int i = users.size() - 1; i >= 0; i--) {
      remove(users.get(i).pid());
    }
    for (CpuTask t : users) {
      freeze(t);
    }
  }

  /**
   * A user task the freezer stopped here: frozen, it is on no runqueue, so a CPU going down for
   * a system sleep does not migrate it, and it keeps this CPU as the one it last ran on
   * (kernel/sched/core.c migrate_tasks()).
   */
  private void freeze(CpuTask task) {
    if (frozen.isEmpty()) {
      frozen = new ArrayList<>(2);
    }
    frozen.add(task);
  }

  /**
   * thaw_processes() on CPU {@code from}: the frozen tasks wake here, their previous CPU, online
   * again; from another CPU the wake-up reaches this idle one by IPI (see WakeList).
   */
  void thaw(int from) {
    if (frozen.isEmpty() || !cpu.online()) {
      return;
    }
    for (CpuTask t : frozen) {
      wake(t);
    }
    frozen = List.of();
    if (from == cpu.index()) {
      schedule();
      return;
    }
    WakeList.wokenFromElsewhere(cpu);
  }

  /** Work for when the CPU can schedule. */
  void defer(SimMessage msg) {
    deferred.add(msg);
  }

  /** The idle loop: stop the tick under NO_HZ (tick_nohz_idle_stop_tick), then HLT. */
  void enterIdle() {
    if (!idle) {
      cpu.irqs().ctxt++;
    }
    idle = true;
    cpu.cpuTime.switchTo(true, cpu.hw().now(), cpu.irqs());
    if (cpu.tick().nohzIdle()) {
      cpu.tick().stopForIdle();
    }
    cpu.hw().halt();
  }

  /** Leaving the idle loop for a task: the tick runs again (tick_nohz_idle_exit). */
  private void exitIdle() {
    if (idle) {
      cpu.cpuTime.switchTo(false, cpu.hw().now(), cpu.irqs());
    }
    cpu.irqs().ctxt++;
    idle = false;
    boolean tickWasStopped = cpu.tick().stopped();
    cpu.tick().restartAfterIdle();
    if (tickWasStopped) {
      // tick_nohz_idle_exit() -> tick_nohz_restart_sched_tick() calls
      // touch_softlockup_watchdog_sched() (kernel/time/tick-sched.c): the reporting period
      // restarts at the watchdog's next timer, while watchdog_touch_ts keeps the last stopper
      // run. A task that takes an idle CPU and spins is so reported one to two sample periods
      // later than its stale touch alone would make it, and as stuck for longer.
      Watchdogs.of(cpu).modern().soft().touch();
    }
    // 2.6: restarting the tick touches the soft-lockup watchdog.
    Watchdogs.of(cpu).legacy().soft().touch(cpu.jiffies());
  }

  /**
   * schedule(): the first woken task gets the CPU if nothing holds it. A kernel task woken
   * onto a CPU that runs a user loop preempts the loop (check_preempt_wakeup(): the woken task's
   * vruntime trails the loop's by more than the wakeup granularity), which waits behind it; a
   * woken user loop waits for the running one's slice to end (see tick()), and nothing preempts
   * a kernel task.
   */
  void schedule() {
    if (queued.isEmpty() || !cpu.canSchedule() || !cpu.online()) {
      return;
    }
    CpuTask prev = current;
    if (prev != null) {
      if (!prev.timeSliced() || queued.get(0).timeSliced()) {
        return;
      }
      queued.add(prev);
      cpu.cpuTime.userMode(false, cpu.hw().now(), cpu.irqs());
    }
    current = queued.remove(0);
    ranSince = cpu.hw().now();
    if (cpu.hw().inIrq() || cpu.hw().inNmi()) {
      cpu.hw().stayAwake();
    }
    exitIdle();
    if (current.irqsOff()) {
      cpu.hw().setInterruptsEnabled(false);
    }
    if (current.kind().touches()) {
      cpu.touchNmiWatchdog();
      legacyTouchers(1);
    }
    if (current.runNs() >= 0) {
      taskTimer = cpu.hw().later(current.runNs(), new TaskMail.Done(current.pid()));
    }
    if (current.kind() == TaskKind.SPINLOCK_WAIT) {
      SpinlockDebug.startWaiting(cpu);
    }
    if (current.kind().userMode()) {
      cpu.cpuTime.userMode(true, cpu.hw().now(), cpu.irqs());
    }
    cpu.contextSwitch(prev, current);
  }

  /**
   * scheduler_tick() -> task_tick_fair() -> check_preempt_tick() (kernel/sched/fair.c): a user
   * loop that has run longer than its slice of the scheduling period gives the CPU to the first
   * task waiting, a user loop too, and queues up behind the others. Kernel tasks smpsim runs
   * keep the CPU (they spin with preemption off, or are not preempted by a user task).
   */
  void tick() {
    if (current == null || queued.isEmpty() || !current.timeSliced()
        || !queued.get(0).timeSliced()) {
      return;
    }
    long now = cpu.hw().now();
    if (now - ranSince <= slice(nrRunning())) {
      return;
    }
    CpuTask prev = current;
    current = queued.remove(0);
    queued.add(prev);
    ranSince = now;
    cpu.irqs().ctxt++;
    cpu.contextSwitch(prev, current);
  }

  /**
   * sched_slice() for {@code nr} tasks of equal weight: the period, sysctl_sched_latency (6 ms)
   * or, above sched_nr_latency (8) tasks, nr times sysctl_sched_min_granularity (0.75 ms), both
   * scaled by 1 + ilog2(CPUs, at most 8) (get_update_sysctl_factor()), shared equally. The
   * CPUs are the machine's: the kernel counts the online ones again as CPUs come and go
   * (rq_online_fair()), which smpsim does not.
   */
  private long slice(int nr) {
    int cpus = Math.min(cpu.config().cpus(), 8);
    long factor = 1 + (31 - Integer.numberOfLeadingZeros(cpus));
    long period = nr > 8 ? nr * 750_000L * factor : 6_000_000L * factor;
    return period / nr;
  }

  /** The task's run time is over. */
  void timerDone(int pid) {
    if (current != null && current.pid() == pid) {
      taskTimer = -1;
      finishTask(false);
    }
  }

  /** The current task is done (it finished, got its lock, or was killed by the die path). */
  void finishTask(boolean killed) {
    CpuTask t = current;
    if (t == null) {
      return;
    }
    cancelTimer();
    if (t.kind() == TaskKind.LOCK_HOLDER && !killed && t.lockHolder() >= 0) {
      cpu.mail(t.lockHolder(), new TaskMail.LockReleased(cpu.index()));
    }
    if (t.kind().touches()) {
      cpu.touchNmiWatchdog();
      legacyTouchers(-1);
    }
    if (t.irqsOff()) {
      // local_irq_enable() in the task: the pending interrupts (the timer, with the watchdog's
      // check) are taken right here, while the task is still current.
      cpu.hw().setInterruptsEnabled(true);
    }
    current = null;
    if (t.kind().userMode()) {
      cpu.cpuTime.userMode(false, cpu.hw().now(), cpu.irqs());
    }
    cpu.contextSwitch(t, null);
    // Preemption is possible again: the stopper and kworker work that waited run first.
    afterIrq();
    List<SimMessage> work = new ArrayList<>(deferred);
    deferred.clear();
    for (SimMessage m : work) {
      cpu.runDeferred(m);
    }
    schedule();
    cpu.nrRunningChanged();
    if (current == null) {
      enterIdle();
    }
  }

  private void cancelTimer() {
    if (taskTimer >= 0) {
      cpu.hw().cancel(taskTimer);
      taskTimer = -1;
    }
  }

  /** 2.6 touch_nmi_watchdog() touches every CPU: tell them a toucher started or ended. */
  private void legacyTouchers(int delta) {
    if (!cpu.boot().mode().legacy()) {
      return;
    }
    Watchdogs.of(cpu).legacy().nmi().touchers(delta);
    for (int c = 0; c < cpu.config().cpus(); c++) {
      if (c != cpu.index()) {
        cpu.mail(c, new CpuMessages.LegacyTouch(delta));
      }
    }
  }

  /** At the end of an interrupt: the soft-lockup kick may run if the CPU can schedule. */
  void afterIrq() {
    boolean can = cpu.canSchedule();
    Watchdogs.of(cpu).modern().maybeRunStopper(cpu, can);
    Watchdogs.of(cpu).legacy().maybeRunThread(cpu, can);
  }

  /**
   * The CPU goes down (take_cpu_down): the runqueue moves to {@code migrateTo}, woken there
   * with a RESCHEDULE IPI, and nothing is left to run here.
   */
  List<CpuTask> takeDown() {
    List<CpuTask> moving = new ArrayList<>(queued);
    if (current != null) {
      moving.add(current);
    }
    queued.clear();
    current = null;
    cancelTimer();
    deferred.clear();
    idle = true;
    cpu.nrRunningChanged();
    return moving;
  }
}

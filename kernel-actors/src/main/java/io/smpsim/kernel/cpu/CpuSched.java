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
 * The scheduler on one CPU, as far as smpsim runs one (kernel/sched/core.c, idle.c): the idle
 * loop with NO_HZ idle, the task on the CPU and the one woken onto its runqueue, and the work
 * that waits for the CPU to schedule (the stopper, kworkers).
 */
final class CpuSched {

  private final LinuxCpu cpu;
  private boolean idle;
  private CpuTask current;
  private CpuTask queued;
  private long taskTimer = -1;
  /** Work that waits for the CPU to schedule (smp_call_on_cpu: lockup-detector work). */
  private final ArrayList<SimMessage> deferred = new ArrayList<>();

  CpuSched(LinuxCpu cpu) {
    this.cpu = cpu;
  }

  /** rq->nr_running: the task on the CPU and the one woken onto its runqueue. */
  int nrRunning() {
    return (current != null ? 1 : 0) + (queued != null ? 1 : 0);
  }

  CpuTask current() {
    return current;
  }

  /** The task with this pid, on the CPU or woken onto its runqueue, or null. */
  CpuTask task(int pid) {
    if (current != null && current.pid() == pid) {
      return current;
    }
    return queued != null && queued.pid() == pid ? queued : null;
  }

  /**
   * The task with this pid exits or stops: off the CPU, or off the runqueue before it ran.
   */
  void remove(int pid) {
    if (current != null && current.pid() == pid) {
      finishTask(true);
    } else if (queued != null && queued.pid() == pid) {
      queued = null;
      cpu.nrRunningChanged();
    }
  }

  /** sched_setaffinity() of a task staying here: the same task, with its new mask. */
  void setAllowed(int pid, BitSet allowed) {
    if (current != null && current.pid() == pid) {
      current = current.withAllowed(allowed);
    } else if (queued != null && queued.pid() == pid) {
      queued = queued.withAllowed(allowed);
    }
  }

  boolean idle() {
    return idle;
  }

  /** try_to_wake_up(): the task goes onto this CPU's runqueue. */
  void wake(CpuTask task) {
    queued = task;
    cpu.nrRunningChanged();
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

  /** schedule(): the woken task gets the CPU if nothing holds it. */
  void schedule() {
    // One task per CPU: a woken task waits while another (even a user-space one) runs.
    if (queued == null || current != null || !cpu.canSchedule() || !cpu.online()) {
      return;
    }
    current = queued;
    queued = null;
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
    cpu.contextSwitch(null, current);
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
    List<CpuTask> moving = new ArrayList<>();
    for (CpuTask t : new CpuTask[] {queued, current}) {
      if (t != null) {
        moving.add(t);
      }
    }
    queued = null;
    current = null;
    cancelTimer();
    deferred.clear();
    idle = true;
    cpu.nrRunningChanged();
    return moving;
  }
}

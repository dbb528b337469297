package io.smpsim.kernel.cpu;

import io.smpsim.kernel.core.HrtimerFn;
import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.trace.IrqCounters;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.TimerMode;
import io.smpsim.hw.cpu.CpuContext;

/**
 * One CPU's tick and hrtimers (kernel/time/tick-sched.c, kernel/time/hrtimer.c): the periodic
 * tick as an hrtimer at jiffy boundaries, stopped in NO_HZ idle; the local APIC timer
 * (TSC-deadline) always programmed for the earliest hrtimer; the local timer interrupt running
 * the expired ones. The tick runs the timer wheel ({@link TimerBase}, kernel/time/timer.c
 * run_local_timers): TIMER_SOFTIRQ when a timer expired. A stopped tick is programmed for the
 * wheel's next expiry (tick_nohz_stop_tick: a pending timer wakes the idle CPU at its jiffy).
 *
 * <p>An idle CPU whose tick only counts (the periodic tick before the switch to one-shot mode,
 * or every tick of a CPU without NO_HZ idle) coasts: its local APIC timer is programmed for its
 * other hrtimers only, and the ticks it did not take are taken, in order and each at its own
 * time, when the CPU next runs anything ({@link #catchUp()}), before what made it run. The
 * counters and the tick's effects come out as if every tick had been an interrupt; the
 * simulation is spared an interrupt per CPU per jiffy (at 8,192 booting CPUs, billions).
 */
final class TickSched {

  private final LinuxCpu cpu;
  private final Hrtimers hrtimers = new Hrtimers();
  private final TimerBase timers = new TimerBase();
  private boolean stopped;
  /** The expiry the local APIC timer is armed for, or -1. */
  private long programmed = -1;
  /** tick_clock_notify() set this CPU's check_clocks: it goes one-shot at its next tick. */
  private boolean checkClocks;
  /**
   * The tick runs in one-shot mode (tick_nohz_switch_to_nohz / hrtimer_switch_to_hres). Until
   * then it is periodic and NO_HZ idle cannot stop it: every online CPU takes each tick.
   */
  private boolean oneshot;
  /** rq->next_balance, in jiffies. */
  private long nextBalance;
  /** The local APIC timer is not programmed for the tick: {@link #catchUp()} takes it. */
  private boolean coasting;

  /**
   * Whether NO_HZ idle is in effect, read from the machine's command line once (null until
   * then): parsing it on every tick of every CPU showed in large worlds' allocations.
   */
  private Boolean nohzIdle;

  TickSched(LinuxCpu cpu) {
    this.cpu = cpu;
  }

  /** Whether NO_HZ idle is in effect on this machine. */
  boolean nohzIdle() {
    if (nohzIdle == null) {
      nohzIdle = cpu.config().nohzIdle();
    }
    return nohzIdle;
  }

  /** Whether the tick is stopped (NO_HZ idle, offline, suspended). */
  boolean stopped() {
    return stopped;
  }

  /** hrtimer_start(): arms {@code fn} at {@code expires}. */
  void start(HrtimerFn fn, long expires) {
    hrtimers.start(fn, expires);
    reprogram();
  }

  /**
   * Arms {@code fn} without reprogramming the local APIC timer yet: for a caller that starts
   * the tick right after (one reprogramming, as on resume).
   */
  void startBeforeTick(HrtimerFn fn, long expires) {
    hrtimers.start(fn, expires);
  }

  /** hrtimer_cancel(). */
  void cancel(HrtimerFn fn) {
    hrtimers.cancel(fn);
    reprogram();
  }

  /** Arms the tick at the next jiffy boundary. */
  void startTick() {
    long tick = cpu.config().tickNs();
    long next = (cpu.hw().now() / tick + 1) * tick;
    hrtimers.start(HrtimerFn.TICK, next);
    stopped = false;
    reprogram();
  }

  /**
   * tick_clock_notify(): the clocksource changed to one valid for high resolution
   * (clocksource_done_booting); tick_check_oneshot_change() switches at the next tick.
   */
  void clockNotify() {
    checkClocks = true;
  }

  /** tick_nohz_idle_stop_tick(): the idle CPU stops its tick (in one-shot mode only). */
  void stopForIdle() {
    if (!oneshot) {
      return;
    }
    hrtimers.cancel(HrtimerFn.TICK);
    stopped = true;
    armForTimers();
    reprogram();
  }

  /**
   * add_timer_on() on this CPU: {@code fn} expires at jiffy {@code j}. A stopped tick is
   * programmed for it (internal_add_timer -> trigger_dyntick_cpu; on the CPU itself,
   * tick_nohz_irq_exit() finds the new next event); a running one finds it at its next jiffy.
   */
  void addTimer(TimerFn fn, long j) {
    timers.add(fn, j);
    if (stopped) {
      armForTimers();
      reprogram();
    }
  }

  /**
   * The stopped tick's hrtimer is programmed for the jiffy the wheel's first timer expires at
   * (the next jiffy if that is past), unless it is already armed for earlier.
   */
  private void armForTimers() {
    long next = timers.nextExpiry();
    if (next == Long.MAX_VALUE) {
      return;
    }
    long tick = cpu.config().tickNs();
    long at = Math.max(next, cpu.hw().now() / tick + 1) * tick;
    long armed = hrtimers.expiry(HrtimerFn.TICK);
    if (armed < 0 || armed > at) {
      hrtimers.start(HrtimerFn.TICK, at);
    }
  }

  /** tick_nohz_idle_exit(): the tick runs again if idle stopped it. */
  void restartAfterIdle() {
    if (stopped || !hrtimers.isArmed(HrtimerFn.TICK)) {
      startTick();
    }
  }

  /**
   * Every hrtimer is gone and the tick stopped (the CPU goes offline or to sleep); the caller
   * stops the local APIC timer itself.
   */
  void clear() {
    hrtimers.clear();
    programmed = -1;
    stopped = true;
  }

  /**
   * Takes the ticks a coasting CPU did not take: every tick whose interrupt would have reached
   * the CPU before now (its jiffy plus the local APIC's delivery time), as that interrupt would
   * have (LOC, then the tick at its jiffy). Called first thing whenever the CPU runs.
   */
  void catchUp() {
    if (!coasting) {
      return;
    }
    long now = cpu.hw().now();
    long delivery = cpu.config().timings().interruptDelivery();
    long at;
    int taken = 0;
    while ((at = hrtimers.expiry(HrtimerFn.TICK)) >= 0 && at + delivery < now) {
      cpu.irqs().loc++;
      hrtimers.cancel(HrtimerFn.TICK);
      tick(at);
      taken++;
    }
    if (taken > 0) {
      // Each would have woken the halted core for a moment: its PMU counts those cycles.
      cpu.hw().wokeBriefly(taken);
      long loc = cpu.irqs().loc;
      int hz = cpu.config().hz();
      if (loc / hz != (loc - taken) / hz) {
        // The report's once-a-second sample of the counters (IrqEntry), as they stand now.
        IrqCounters.emit(cpu);
      }
    }
  }

  /** After the CPU ran: the APIC timer follows what may have changed (idle, the tick mode). */
  void refresh() {
    reprogram();
  }

  /**
   * Whether this CPU's next tick would only count: it is idle, its tick is running and would
   * not stop (periodic mode, or no NO_HZ idle) nor switch to one-shot mode, and no 2.6
   * soft-lockup check rides on it.
   */
  private boolean canCoast() {
    return !stopped && !checkClocks && hrtimers.isArmed(HrtimerFn.TICK) && cpu.idle()
        && !(oneshot && nohzIdle()) && !cpu.boot().mode().legacy();
  }

  /** The local timer interrupt: runs the expired hrtimers, then reprograms the APIC timer. */
  void localTimerInterrupt() {
    programmed = -1;
    for (HrtimerFn fn : hrtimers.expired(cpu.hw().now())) {
      run(fn);
    }
    reprogram();
  }

  private void run(HrtimerFn fn) {
    switch (fn) {
      case TICK -> tick(cpu.hw().now());
      case WATCHDOG -> cpu.watchdog().timerFn(cpu);
      default -> throw new IllegalStateException("unhandled hrtimer " + fn);
    }
  }

  /** The tick handler, run at time {@code at} (now, or a coasted tick's jiffy). */
  private void tick(long at) {
    if (checkClocks) {
      // hrtimer_run_queues() -> tick_check_oneshot_change() (kernel/time/tick-sched.c).
      checkClocks = false;
      oneshot = true;
    }
    long tick = cpu.config().tickNs();
    long j = at / tick;
    // A stopped tick that fires was programmed for a timer: update_process_times() runs in
    // full, and tick_sched_timer() does not restart it (ts->tick_stopped).
    boolean forTimer = stopped;
    runLocalTimers(j);
    if (oneshot && cpu.idle() && nohzIdle()) {
      if (forTimer) {
        triggerLoadBalance(j);
      }
      stopped = true;
      armForTimers();
      return;
    }
    cpu.tickLegacySoftlockup();
    cpu.sched.tick();
    triggerLoadBalance(j);
    hrtimers.start(HrtimerFn.TICK, (j + 1) * tick);
  }

  /**
   * run_local_timers() (kernel/time/timer.c): TIMER_SOFTIRQ once jiffies reached the base's
   * next expiry; the softirq's __run_timers() runs every expired timer.
   */
  private void runLocalTimers(long j) {
    if (timers.nextExpiry() > j) {
      return;
    }
    cpu.irqs().softirqs[IrqStats.TIMER_SOFTIRQ]++;
    for (TimerFn fn : timers.expired(j)) {
      switch (fn) {
        case RANDOM_MIX -> cpu.fastPool.mixed(j);
        default -> throw new IllegalStateException("unhandled timer " + fn);
      }
    }
  }

  /**
   * trigger_load_balance() (kernel/sched/fair.c): SCHED_SOFTIRQ when jiffies reach
   * rq->next_balance; rebalance_domains() then sets the next one a balance interval on, the
   * domain's weight in milliseconds ({@code sd->balance_interval}, sd_init), times
   * busy_factor (16) on a busy CPU, clamped to 1 .. HZ * online CPUs / 10 jiffies.
   */
  private void triggerLoadBalance(long j) {
    if (j < nextBalance) {
      return;
    }
    cpu.irqs().softirqs[IrqStats.SCHED_SOFTIRQ]++;
    int weight = cpu.config().cpus();
    long ms = cpu.idle() ? weight : weight * 16L;
    long interval = (ms * cpu.config().hz() + 999) / 1000;
    long max = Math.max(1, (long) cpu.config().hz() * weight / 10);
    nextBalance = j + Math.max(1, Math.min(interval, max));
  }

  /** Points the local APIC timer (TSC-deadline) at the earliest hrtimer. */
  private void reprogram() {
    CpuContext hw = cpu.hw();
    coasting = canCoast();
    long next = coasting ? hrtimers.nextExcept(HrtimerFn.TICK) : hrtimers.next();
    if (next == programmed || (next == Long.MAX_VALUE && programmed == -1)) {
      return;
    }
    programmed = next == Long.MAX_VALUE ? -1 : next;
    if (next == Long.MAX_VALUE) {
      hw.apic(new LocalApic.StopTimer());
    } else {
      hw.apic(new LocalApic.ArmTimer(TimerMode.TSC_DEADLINE, next));
    }
  }
}

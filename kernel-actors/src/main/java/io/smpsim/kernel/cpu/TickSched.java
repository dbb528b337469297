package io.smpsim.kernel.cpu;

import io.smpsim.kernel.core.HrtimerFn;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.TimerMode;
import io.smpsim.hw.cpu.CpuContext;

/**
 * One CPU's tick and hrtimers (kernel/time/tick-sched.c, kernel/time/hrtimer.c): the periodic
 * tick as an hrtimer at jiffy boundaries, stopped in NO_HZ idle; the local APIC timer
 * (TSC-deadline) always programmed for the earliest hrtimer; the local timer interrupt running
 * the expired ones.
 */
final class TickSched {

  private final LinuxCpu cpu;
  private final Hrtimers hrtimers = new Hrtimers();
  private boolean stopped;
  /** The expiry the local APIC timer is armed for, or -1. */
  private long programmed = -1;

  TickSched(LinuxCpu cpu) {
    this.cpu = cpu;
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

  /** tick_nohz_idle_stop_tick(): the idle CPU stops its tick. */
  void stopForIdle() {
    hrtimers.cancel(HrtimerFn.TICK);
    stopped = true;
    reprogram();
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
      case TICK -> {
        if (cpu.idle() && cpu.config().nohzIdle()) {
          stopped = true;
          return;
        }
        cpu.tickLegacySoftlockup();
        long tick = cpu.config().tickNs();
        long next = (cpu.hw().now() / tick + 1) * tick;
        hrtimers.start(HrtimerFn.TICK, next);
      }
      case WATCHDOG -> cpu.watchdog().timerFn(cpu);
      default -> throw new IllegalStateException("unhandled hrtimer " + fn);
    }
  }

  /** Points the local APIC timer (TSC-deadline) at the earliest hrtimer. */
  private void reprogram() {
    CpuContext hw = cpu.hw();
    long next = hrtimers.next();
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

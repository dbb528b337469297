package io.smpsim.kernel.core;

/** The per-CPU hrtimers the simulated kernel arms; each expiry runs its function on the CPU. */
public enum HrtimerFn {
  /** tick_sched_timer: the periodic tick (stopped on idle CPUs under NO_HZ). */
  TICK,
  /** watchdog_timer_fn: the lockup detectors' pinned hrtimer (kernel/watchdog.c). */
  WATCHDOG
}

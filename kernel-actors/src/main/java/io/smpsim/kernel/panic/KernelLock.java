package io.smpsim.kernel.panic;

/**
 * The machine-wide locks of the die and panic paths, which decide which CPU gets to report
 * when several fail at once.
 */
public enum KernelLock {
  /** die_lock / nmi_print_lock (oops_begin): one CPU prints its NMI watchdog report at a time. */
  DIE,
  /** panic_cpu: the first CPU in panic() goes on, the others stop themselves. */
  PANIC,
  /**
   * backtrace_flag (lib/nmi_backtrace.c): one all-CPU backtrace at a time; a CPU that finds it
   * set returns at once.
   */
  BACKTRACE
}

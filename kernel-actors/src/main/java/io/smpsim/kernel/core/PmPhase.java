package io.smpsim.kernel.core;

/**
 * Where in a system sleep (kernel/power/suspend.c) a subsystem's callback runs. Suspend calls
 * them in registration order, resume in the reverse order, as the kernel's notifier chains and
 * device lists do.
 */
public enum PmPhase {
  /** PM_SUSPEND_PREPARE / PM_POST_SUSPEND notifiers (pm_notifier_call_chain). */
  NOTIFIER,
  /** freeze_processes() / thaw_processes(): the user-space tasks a subsystem runs. */
  TASKS,
  /** dpm_suspend() / dpm_resume(): device drivers. */
  DEVICES
}

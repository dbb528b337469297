package io.smpsim.kernel.power;

import java.util.List;

/**
 * {@code /sys/power/suspend_stats/*}: struct suspend_stats (include/linux/suspend.h), counted
 * where kernel/power/suspend.c counts: pm_suspend() adds a success or a failure and saves the
 * failure's errno (dpm_save_failed_errno()); the step that failed is saved where it failed
 * (suspend_prepare(): "freeze"; dpm_suspend(): "suspend"). Hibernation does not count here.
 */
final class SuspendStats {

  /** The files, in kernel/power/main.c suspend_attrs[] order. */
  static final List<String> FILES = List.of("success", "fail", "failed_freeze",
      "failed_prepare", "failed_suspend", "failed_suspend_late", "failed_suspend_noirq",
      "failed_resume", "failed_resume_early", "failed_resume_noirq", "last_failed_dev",
      "last_failed_errno", "last_failed_step");

  /** The directory. */
  static final String DIR = "/sys/power/suspend_stats";

  private int success;
  private int fail;
  private int failedFreeze;
  private int failedSuspend;
  /** The last failure's errno as the kernel stores it (negative), 0 before any. */
  private int lastFailedErrno;
  /** suspend_step_name() of the last failed step: "" before any. */
  private String lastFailedStep = "";

  /** pm_suspend()'s outcome: {@code errno} 0 for success, else the positive errno. */
  void outcome(int errno) {
    if (errno == 0) {
      success++;
    } else {
      fail++;
      lastFailedErrno = -errno;
    }
  }

  /** suspend_prepare(): the tasks did not freeze. */
  void failedFreeze() {
    failedFreeze++;
    lastFailedStep = "freeze";
  }

  /** dpm_suspend(): a device failed to suspend, or a wake-up event came first. */
  void failedSuspend() {
    failedSuspend++;
    lastFailedStep = "suspend";
  }

  /** The text of {@code file}, or null if there is no such file. */
  String show(String file) {
    return switch (file) {
      case "success" -> success + "\n";
      case "fail" -> fail + "\n";
      case "failed_freeze" -> failedFreeze + "\n";
      case "failed_suspend" -> failedSuspend + "\n";
      case "failed_prepare", "failed_suspend_late", "failed_suspend_noirq", "failed_resume",
          "failed_resume_early", "failed_resume_noirq" -> "0\n";
      // No device's callback fails in smpsim: failed_devs[] stays empty.
      case "last_failed_dev" -> "\n";
      case "last_failed_errno" -> lastFailedErrno + "\n";
      case "last_failed_step" -> lastFailedStep + "\n";
      default -> null;
    };
  }
}

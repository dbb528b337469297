package io.smpsim.kernel.power;

import io.smpsim.kernel.core.AnsweredFile;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;

/**
 * The files of {@code /sys/power} and {@code /sys/class/rtc/rtc0/wakealarm}: served by the PM
 * core. A write of {@code /sys/power/state} returns once the machine has resumed (or the
 * transition failed).
 *
 * @param path the file
 */
public record PowerFile(String path) implements AnsweredFile {

  @Override
  public ShellJob write(String value) {
    // suspend_stats/* and pm_wakeup_irq are 0444: opening one for writing fails.
    // So are rtc0's attributes other than max_user_freq (kernfs_fop_open(): no write op).
    if (path.startsWith(SuspendResume.SUSPEND_STATS + "/")
        || path.equals(SuspendResume.PM_WAKEUP_IRQ)
        || SuspendResume.RTC_FILES.contains(path) && !path.equals(SuspendResume.MAX_USER_FREQ)) {
      return null;
    }
    return AnsweredFile.super.write(value);
  }

  @Override
  public void askRead(JobContext jc) {
    jc.send(jc.layout().power(), new SuspendResume.Read(jc.jobId(), path));
  }

  /** The shell's process is the writer (it runs the suspend). */
  @Override
  public void askWrite(JobContext jc, String value) {
    jc.send(jc.layout().power(),
        new SuspendResume.Write(jc.jobId(), path, value, jc.allocatePid()));
  }
}

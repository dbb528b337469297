package io.smpsim.kernel.power;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.sysctl.AnsweredFileJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.core.VfsFile;

/**
 * The files of {@code /sys/power} and {@code /sys/class/rtc/rtc0/wakealarm}: served by the PM
 * core. A write of {@code /sys/power/state} returns once the machine has resumed (or the
 * transition failed).
 *
 * @param path the file
 */
public record PowerFile(String path) implements VfsFile {

  @Override
  public ShellJob read(TextFilter filter) {
    return new ReadJob(path, filter);
  }

  @Override
  public ShellJob write(String value) {
    // suspend_stats/* and pm_wakeup_irq are 0444: opening one for writing fails.
    // So are rtc0's attributes other than max_user_freq (kernfs_fop_open(): no write op).
    if (path.startsWith(SuspendResume.SUSPEND_STATS + "/")
        || path.equals(SuspendResume.PM_WAKEUP_IRQ)
        || SuspendResume.RTC_FILES.contains(path) && !path.equals(SuspendResume.MAX_USER_FREQ)) {
      return null;
    }
    return new WriteJob(path, value);
  }

  /** Reads the file. */
  static final class ReadJob extends AnsweredFileJob.Read {
    private final String path;

    ReadJob(String path, TextFilter filter) {
      super(filter);
      this.path = path;
    }

    @Override
    protected void ask(JobContext jc) {
      jc.send(jc.layout().power(), new SuspendResume.Read(jc.jobId(), path));
    }
  }

  /** Writes the file; the shell's process is the writer (it runs the suspend). */
  static final class WriteJob extends AnsweredFileJob.Write {
    private final String path;
    private final String value;

    WriteJob(String path, String value) {
      this.path = path;
      this.value = value;
    }

    @Override
    protected void ask(JobContext jc) {
      jc.send(jc.layout().power(),
          new SuspendResume.Write(jc.jobId(), path, value, jc.allocatePid()));
    }
  }
}

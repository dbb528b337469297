package io.smpsim.kernel.power;

import io.smpsim.kernel.shell.JobContext;
import io.smpsim.kernel.shell.ShellJob;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.kernel.sysfs.TextFilter;
import io.smpsim.kernel.sysfs.VfsFile;
import io.smpsim.sim.SimMessage;

/**
 * {@code /sys/power/state}, {@code /sys/power/mem_sleep} and
 * {@code /sys/class/rtc/rtc0/wakealarm}: served by the PM core. A write of
 * {@code /sys/power/state} returns once the machine has resumed.
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
    return new WriteJob(path, value);
  }

  /** Reads the file. */
  static final class ReadJob implements ShellJob {
    private final String path;
    private final TextFilter filter;

    ReadJob(String path, TextFilter filter) {
      this.path = path;
      this.filter = filter;
    }

    @Override
    public void start(JobContext jc) {
      jc.send(jc.layout().power(), new SuspendResume.Read(jc.jobId(), path));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (body instanceof Sysctl.Answer a) {
        String out = filter.apply(a.text());
        jc.finish(filter.exit(out), out, "");
      }
    }
  }

  /** Writes the file; the shell's process is the writer (it runs the suspend). */
  static final class WriteJob implements ShellJob {
    private final String path;
    private final String value;

    WriteJob(String path, String value) {
      this.path = path;
      this.value = value;
    }

    @Override
    public void start(JobContext jc) {
      jc.send(jc.layout().power(),
          new SuspendResume.Write(jc.jobId(), path, value, jc.allocatePid()));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (body instanceof Sysctl.Answer a) {
        if (a.error() != null) {
          jc.fail(1, "sh: write error: " + a.error().text());
        } else {
          jc.ok("");
        }
      }
    }
  }
}

package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.shell.JobContext;
import io.smpsim.kernel.shell.ShellJob;
import io.smpsim.kernel.sysfs.TextFilter;
import io.smpsim.kernel.sysfs.VfsFile;
import io.smpsim.sim.SimMessage;

/**
 * A file of /proc/sys/kernel: reads and writes go to the {@link Sysctl} entity, which runs the
 * kernel's proc handler; a refused write is busybox ash's {@code sh: write error: <strerror>}.
 *
 * @param name the file's name in /proc/sys/kernel
 */
public record SysctlFile(String name) implements VfsFile {

  @Override
  public ShellJob read(TextFilter filter) {
    return new ReadJob(name, filter);
  }

  @Override
  public ShellJob write(String value) {
    return new WriteJob(name, value);
  }

  /** Reads the file. */
  static final class ReadJob implements ShellJob {
    private final String name;
    private final TextFilter filter;

    ReadJob(String name, TextFilter filter) {
      this.name = name;
      this.filter = filter;
    }

    @Override
    public void start(JobContext jc) {
      jc.send(jc.layout().sysctl(), new Sysctl.Read(jc.jobId(), name));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (body instanceof Sysctl.Answer a) {
        String out = filter.apply(a.text());
        jc.finish(filter.exit(out), out, "");
      }
    }
  }

  /** Writes the file, as {@code echo VALUE > FILE} does. */
  static final class WriteJob implements ShellJob {
    private final String name;
    private final String value;

    WriteJob(String name, String value) {
      this.name = name;
      this.value = value;
    }

    @Override
    public void start(JobContext jc) {
      jc.send(jc.layout().sysctl(), new Sysctl.Write(jc.jobId(), name, value));
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

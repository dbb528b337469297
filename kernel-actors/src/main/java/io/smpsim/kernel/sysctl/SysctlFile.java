package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.core.VfsFile;

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
  static final class ReadJob extends AnsweredFileJob.Read {
    private final String name;

    ReadJob(String name, TextFilter filter) {
      super(filter);
      this.name = name;
    }

    @Override
    protected void ask(JobContext jc) {
      jc.send(jc.layout().sysctl(), new Sysctl.Read(jc.jobId(), name));
    }
  }

  /** Writes the file, as {@code echo VALUE > FILE} does. */
  static final class WriteJob extends AnsweredFileJob.Write {
    private final String name;
    private final String value;

    WriteJob(String name, String value) {
      this.name = name;
      this.value = value;
    }

    @Override
    protected void ask(JobContext jc) {
      jc.send(jc.layout().sysctl(), new Sysctl.Write(jc.jobId(), name, value));
    }
  }
}

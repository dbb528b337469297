package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.core.AnsweredFile;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;

/**
 * A file of /proc/sys/kernel: reads and writes go to the {@link Sysctl} entity, which runs the
 * kernel's proc handler; a refused write is busybox ash's {@code sh: write error: <strerror>}.
 *
 * @param name the file's name in /proc/sys/kernel
 */
public record SysctlFile(String name) implements AnsweredFile {

  @Override
  public void askRead(JobContext jc) {
    jc.send(jc.layout().sysctl(), new Sysctl.Read(jc.jobId(), name));
  }

  @Override
  public ShellJob write(String value) {
    // A 0444 file: proc_sys_permission() refuses the open for writing, even root's.
    return Sysctl.readOnly(name) ? null : AnsweredFile.super.write(value);
  }

  @Override
  public int mode() {
    return Sysctl.readOnly(name) ? 0444 : 0644;
  }

  @Override
  public void askWrite(JobContext jc, String value) {
    jc.send(jc.layout().sysctl(), new Sysctl.Write(jc.jobId(), name, value));
  }
}

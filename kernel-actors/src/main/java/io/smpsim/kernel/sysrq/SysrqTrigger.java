package io.smpsim.kernel.sysrq;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.JobTable;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.core.VfsFile;
import io.smpsim.sim.SimMessage;

/**
 * /proc/sysrq-trigger (mode 0200): a write runs the SysRq key of its first character
 * (write_sysrq_trigger, without the sysrq sysctl's mask check); the file has no read method.
 */
public record SysrqTrigger() implements VfsFile {

  @Override
  public ShellJob read(TextFilter filter) {
    return new ShellJob.Failure(1, "cat: read error: Invalid argument");
  }

  @Override
  public ShellJob write(String value) {
    return new Write(value.isEmpty() ? -1 : value.charAt(0));
  }

  /** proc_create("sysrq-trigger", 0200, ...): write-only, for root. */
  @Override
  public int mode() {
    return 0200;
  }

  /** The write: it returns once the key's handler has. */
  record Write(int key) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      if (key < 0) {
        jc.ok("");
        return;
      }
      jc.send(jc.layout().cpu(jc.shellCpu()),
          Sysrq.first(jc.jobId(), key, jc.jobs().affinity(JobTable.SHELL_PID)));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (body instanceof SysrqMail.Done d) {
        if (d.cpu() >= 0) {
          jc.shellRanOn(d.cpu());
        }
        jc.ok("");
      }
    }
  }
}

package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.JobTable;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.sim.SimMessage;

/**
 * A sysfs write that asks the hotplug controller to take a CPU up or down (cpuN/online,
 * cpuN/hotplug/target), once the file's store method has parsed the value: the write returns
 * when the operation is over, with the controller's error as the shell's write error.
 *
 * @param cpu the CPU
 * @param online up (true) or down
 */
record HotplugWriteJob(int cpu, boolean online) implements ShellJob {

  /** A store method's EINVAL (ERANGE...) before any hotplug runs. */
  static ShellJob refused(String strerror) {
    return new ShellJob.Failure(1, "sh: write error: " + strerror);
  }

  @Override
  public void start(JobContext jc) {
    jc.send(jc.layout().hotplug(), new CpuHotplug.Request(jc.jobId(), cpu, online,
        jc.shellCpu(), jc.jobs().affinity(JobTable.SHELL_PID)));
  }

  @Override
  public void onReply(JobContext jc, SimMessage body) {
    if (body instanceof CpuHotplug.Result r) {
      jc.shellRanOn(r.shellCpu());
      if (r.shellFallback()) {
        jc.jobs().setAffinity(JobTable.SHELL_PID, null);
      }
      if (r.error() != null) {
        jc.fail(1, "sh: write error: " + r.error().text());
      } else {
        jc.ok("");
      }
    }
  }
}

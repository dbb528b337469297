package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.sim.SimMessage;

/**
 * /sys/devices/system/cpu/cpuN/online: 1 or 0; writing it is CPU hotplug (drivers/base/core.c
 * online_store(): kstrtobool, then device_online / device_offline). The boot CPU has no such
 * file on x86 unless the kernel allows it to be hotplugged.
 *
 * @param cpu the CPU
 */
public record CpuOnlineFile(int cpu) implements MaskFile {

  @Override
  public String render(CpuHotplug.Masks m, MachineConfig config) {
    return (m.online().get(cpu) ? "1" : "0") + "\n";
  }

  @Override
  public ShellJob write(String value) {
    return new WriteJob(cpu, value);
  }

  /** A write: EINVAL from kstrtobool at once, else the hotplug controller's answer. */
  static final class WriteJob implements ShellJob {
    private final int cpu;
    private final String value;

    WriteJob(int cpu, String value) {
      this.cpu = cpu;
      this.value = value;
    }

    @Override
    public void start(JobContext jc) {
      Boolean on = Kstrtobool.parse(value);
      if (on == null) {
        jc.fail(1, "sh: write error: Invalid argument");
        return;
      }
      jc.send(jc.layout().hotplug(), new CpuHotplug.Request(jc.jobId(), cpu, on));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (body instanceof CpuHotplug.Result r) {
        if (r.error() != null) {
          jc.fail(1, "sh: write error: " + r.error().text());
        } else {
          jc.ok("");
        }
      }
    }
  }
}

package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.ShellJob;

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
    Boolean on = Kstrtobool.parse(value);
    return on == null ? HotplugWriteJob.refused("Invalid argument")
        : new HotplugWriteJob(cpu, on);
  }
}

package io.smpsim.kernel.sysfs;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.hotplug.CpuHotplug;

/**
 * /sys/devices/system/cpu/cpuN/online: 1 or 0. (Writing it is CPU hotplug; the boot CPU has no
 * such file on x86.)
 *
 * @param cpu the CPU
 */
public record CpuOnlineFile(int cpu) implements MaskFile {

  @Override
  public String render(CpuHotplug.Masks m, MachineConfig config) {
    return (m.online().get(cpu) ? "1" : "0") + "\n";
  }
}

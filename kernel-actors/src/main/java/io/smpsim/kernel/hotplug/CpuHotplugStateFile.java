package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.MachineConfig;

/**
 * /sys/devices/system/cpu/cpuN/hotplug/state (kernel/cpu.c state_show): the CPU's hotplug
 * state, CPUHP_ONLINE or CPUHP_OFFLINE between operations (an operation runs to its end before
 * the next). Read-only, as in the kernel; its writable sibling is {@link CpuHotplugTargetFile}.
 *
 * @param cpu the CPU
 */
public record CpuHotplugStateFile(int cpu) implements MaskFile {

  @Override
  public String render(CpuHotplug.Masks m, MachineConfig config) {
    return (m.online().get(cpu) ? CpuhpStates.ONLINE : CpuhpStates.OFFLINE) + "\n";
  }
}

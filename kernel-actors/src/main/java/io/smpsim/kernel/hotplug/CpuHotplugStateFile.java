package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.MachineConfig;

/**
 * /sys/devices/system/cpu/cpuN/hotplug/state and .../target (kernel/cpu.c state_show,
 * target_show): the CPU's hotplug state, CPUHP_ONLINE or CPUHP_OFFLINE between operations (an
 * operation runs to its end before the next, so the two files agree whenever the shell reads
 * them). Read-only here: writing target needs CONFIG_CPU_HOTPLUG_STATE_CONTROL.
 *
 * @param cpu the CPU
 */
public record CpuHotplugStateFile(int cpu) implements MaskFile {

  @Override
  public String render(CpuHotplug.Masks m, MachineConfig config) {
    return (m.online().get(cpu) ? CpuhpStates.ONLINE : CpuhpStates.OFFLINE) + "\n";
  }
}

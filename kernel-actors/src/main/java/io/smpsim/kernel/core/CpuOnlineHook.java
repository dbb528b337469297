package io.smpsim.kernel.core;

/**
 * A subsystem's part in a CPU coming online or going offline (a cpuhp state's startup and
 * teardown callbacks, kernel/cpu.c cpuhp_setup_state()): called on the CPU itself, from
 * set_cpu_online() at boot, hotplug and resume, and from take_cpu_down().
 */
@FunctionalInterface
public interface CpuOnlineHook {

  /** {@code cpu} is now online ({@code true}) or offline. */
  void changed(KernelCpu cpu, boolean online);
}

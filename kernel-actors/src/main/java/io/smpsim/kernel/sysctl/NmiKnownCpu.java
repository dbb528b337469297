package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.CpuId;
import io.smpsim.kernel.MachineConfig;

/**
 * nmi_known_cpu() of 2.6.19 (arch/x86_64/kernel/nmi.c, arch/i386/kernel/nmi.c): whether the
 * local APIC NMI watchdog knows how to program the CPU's performance counters. AMD K7, K8 and
 * family 10h; Intel with architectural perfmon, else only the P4 (family 15).
 */
final class NmiKnownCpu {

  private NmiKnownCpu() {}

  /**
   * The answer while the boot options are parsed, before identify_cpu(): the vendor and
   * family are known (early CPU detection), but init_intel() has not yet set
   * X86_FEATURE_ARCH_PERFMON, so an Intel family 6 CPU (Core 2) is not recognised.
   */
  static boolean atBootOptionParse(MachineConfig config) {
    CpuId id = config.cpuId();
    if (CpuId.amd(config.cpuModel())) {
      return id.family() == 6 || id.family() == 15 || id.family() == 16;
    }
    return id.family() == 15;
  }
}

package io.smpsim.kernel;

import io.smpsim.hw.HwTimings;
import io.smpsim.hw.nic.NicConfig;
import io.smpsim.sim.serialization.WireMessage;
import java.util.List;

/**
 * Everything that describes one simulated machine, as the scenario declared it.
 *
 * @param name the machine's name, e.g. {@code m0}
 * @param index its position in the scenario
 * @param cpus number of CPUs (possible = present)
 * @param sockets number of sockets; CPUs are split evenly
 * @param hz the tick rate (CONFIG_HZ): 100, 250, 300 or 1000
 * @param dynticks whether idle CPUs stop their tick (CONFIG_NO_HZ_IDLE)
 * @param cmdline the kernel command line
 * @param cpuModel the model name in /proc/cpuinfo and the boot log
 * @param cpuKhz the TSC frequency in kHz
 * @param timings bus latencies
 * @param apStartupNs how long an application processor takes from SIPI to calling in
 * @param placement how the machine's entities are grouped for placement on cluster nodes
 * @param quirks historical behaviours the machine reproduces (none: the fixed kernel)
 * @param nics the machine's NICs, in declaration order (eth0 first)
 * @param kernel the kernel release, which selects what the command line means
 * @param pmu whether the CPUs have a performance-monitoring unit the kernel can use (false: a
 *     virtual machine without a virtual PMU, as QEMU's TCG)
 * @param cpuId family, model, stepping and TSC invariance of the CPU model
 * @param nmiSelftest whether a 2.6 kernel runs check_nmi_watchdog(), the NMI watchdog's boot
 *     self-test ("Testing NMI watchdog ... OK."); scenario key {@code nmi-selftest}, off by
 *     default so that scenarios written before the self-test existed keep their logs
 * @param biosDate the DMI BIOS date, MM/DD/YYYY (scenario key {@code bios-date})
 * @param rtcSec the CMOS RTC's time at power-on, in seconds since the epoch (scenario key
 *     {@code rtc}; a virtual machine's RTC starts at its host's time): the wall clock the
 *     kernel takes from it at boot runs from there
 */
public record MachineConfig(String name, int index, int cpus, int sockets, int hz,
    boolean dynticks, String cmdline, String cpuModel, long cpuKhz, HwTimings timings,
    long apStartupNs, Placement placement, List<Quirk> quirks, List<NicConfig> nics,
    KernelVersion kernel, boolean pmu, CpuId cpuId, boolean nmiSelftest,
    String biosDate, long rtcSec) implements WireMessage {

  /** The BIOS date of a machine whose scenario does not give one. */
  public static final String DEFAULT_BIOS_DATE = "01/01/2026";

  public MachineConfig {
    quirks = List.copyOf(quirks);
    nics = List.copyOf(nics);
  }

  /** A machine of the default kernel with a PMU, whose CPUID is the default for its model. */
  public MachineConfig(String name, int index, int cpus, int sockets, int hz, boolean dynticks,
      String cmdline, String cpuModel, long cpuKhz, HwTimings timings, long apStartupNs,
      Placement placement, List<Quirk> quirks, List<NicConfig> nics) {
    this(name, index, cpus, sockets, hz, dynticks, cmdline, cpuModel, cpuKhz, timings,
        apStartupNs, placement, quirks, nics, KernelVersion.DEFAULT, true,
        CpuId.defaultFor(cpuModel), false, DEFAULT_BIOS_DATE, 0);
  }

  /** A machine without quirks or NICs. */
  public MachineConfig(String name, int index, int cpus, int sockets, int hz, boolean dynticks,
      String cmdline, String cpuModel, long cpuKhz, HwTimings timings, long apStartupNs,
      Placement placement) {
    this(name, index, cpus, sockets, hz, dynticks, cmdline, cpuModel, cpuKhz, timings,
        apStartupNs, placement, List.of(), List.of());
  }

  /** A machine with quirks, without NICs. */
  public MachineConfig(String name, int index, int cpus, int sockets, int hz, boolean dynticks,
      String cmdline, String cpuModel, long cpuKhz, HwTimings timings, long apStartupNs,
      Placement placement, List<Quirk> quirks) {
    this(name, index, cpus, sockets, hz, dynticks, cmdline, cpuModel, cpuKhz, timings,
        apStartupNs, placement, quirks, List.of());
  }

  /** The same machine with {@code list} as its NICs. */
  public MachineConfig withNics(List<NicConfig> list) {
    return new MachineConfig(name, index, cpus, sockets, hz, dynticks, cmdline, cpuModel, cpuKhz,
        timings, apStartupNs, placement, quirks, list, kernel, pmu, cpuId, nmiSelftest,
        biosDate, rtcSec);
  }

  /** The same machine running {@code version}, with or without a PMU. */
  public MachineConfig withKernel(KernelVersion version, boolean hasPmu) {
    return new MachineConfig(name, index, cpus, sockets, hz, dynticks, cmdline, cpuModel, cpuKhz,
        timings, apStartupNs, placement, quirks, nics, version, hasPmu, cpuId, nmiSelftest,
        biosDate, rtcSec);
  }

  /** dmi_get_year(DMI_BIOS_DATE): the year of the BIOS date. */
  public int biosYear() {
    return Integer.parseInt(biosDate.substring(biosDate.lastIndexOf('/') + 1));
  }

  /**
   * CLOCK_REALTIME, in ns since the epoch, at {@code nowNs} of simulated time since power-on:
   * timekeeping_init() and rtc_hctosys() take the wall clock from the RTC (whole seconds, as
   * the CMOS clock counts), which has counted since power-on.
   */
  public long wallNs(long nowNs) {
    return rtcSec * 1_000_000_000L + nowNs;
  }

  /** Whether the machine reproduces {@code q}. */
  public boolean has(Quirk q) {
    return quirks.contains(q);
  }

  /**
   * Placement granularity. A group always lives on one cluster node: the whole machine (the
   * default), one socket of a very large machine, or each CPU with its local APIC (spreads even a
   * small machine over many nodes, at the cost of cross-node traffic; the machine-wide entities
   * then form one more group).
   */
  public enum Placement { MACHINE, SOCKET, CPU }

  /** The valid CONFIG_HZ choices (kernel/Kconfig.hz). */
  public static final int[] HZ_CHOICES = {100, 250, 300, 1000};

  /** ns between two ticks: TICK_NSEC rounded as the kernel does. */
  public long tickNs() {
    return (1_000_000_000L + hz / 2) / hz;
  }

  /** The parsed kernel command line. */
  public KernelCmdline kernelCmdline() {
    return KernelCmdline.parse(cmdline);
  }

  /** Whether NO_HZ idle is in effect: the scenario asked for it and {@code nohz=off} is absent. */
  public boolean nohzIdle() {
    return dynticks && kernelCmdline().nohz();
  }
}

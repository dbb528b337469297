package io.smpsim.kernel.cpu;

import io.smpsim.kernel.KernelCmdline;
import io.smpsim.kernel.MachineConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The boot CPU's log lines around SMP bring-up, in the order and formats of a 6.x x86 kernel
 * (arch/x86/kernel/smpboot.c, kernel/smp.c, arch/x86/kernel/tsc.c, init/calibrate.c,
 * drivers/clocksource, init/main.c). Lines of subsystems smpsim does not model are left out.
 */
public final class BootLog {

  /** The kernel release smpsim reports. */
  public static final String RELEASE = "6.6.0-smpsim";

  private BootLog() {}

  /** Lines printed at reset, before the timers are set up. */
  public static List<String> early(MachineConfig c) {
    KernelCmdline cmd = c.kernelCmdline();
    List<String> l = new ArrayList<>();
    l.add("Linux version " + RELEASE + " (smpsim@smpsim) (gcc (GCC) 12.2.0, GNU ld 2.40) #1 SMP"
        + " PREEMPT_DYNAMIC");
    l.add("Command line: " + cmd.raw());
    l.add("DMI: smpsim Simulated SMP machine/smpsim, BIOS 1.0 01/01/2026");
    l.add("tsc: Detected " + mhz(c.cpuKhz()) + " MHz processor");
    return l;
  }

  /** Lines of ACPI/MADT parsing and the kernel command line (setup_arch, start_kernel). */
  public static List<String> setup(MachineConfig c) {
    KernelCmdline cmd = c.kernelCmdline();
    List<String> l = new ArrayList<>();
    l.add("ACPI: Using ACPI (MADT) for SMP configuration information");
    l.add("ACPI: HPET id: 0x8086a201 base: 0xfed00000");
    l.add("smpboot: Allowing " + c.cpus() + " CPUs, 0 hotplug CPUs");
    l.add("Kernel command line: " + cmd.raw());
    if (!cmd.unknown().isEmpty()) {
      l.add("Unknown kernel command line parameters \"" + String.join(" ", cmd.unknown())
          + "\", will be passed to user space.");
    }
    l.add("NR_IRQS: 524544, nr_irqs: " + (256 + 8 * c.cpus()) + ", preallocated irqs: 16");
    l.add("clocksource: hpet: mask: 0xffffffff max_cycles: 0xffffffff, max_idle_ns: 133484882848"
        + " ns");
    return l;
  }

  /** IO-APIC and timer check lines (check_timer). */
  public static List<String> ioApic() {
    return List.of("APIC: Switch to symmetric I/O mode setup",
        "..TIMER: vector=0x30 apic1=0 pin1=2 apic2=-1 pin2=-1");
  }

  /** loops_per_jiffy from the TSC, as calibrate_delay_is_known() gives it. */
  public static long lpj(MachineConfig c) {
    return c.cpuKhz() * 1000 / c.hz();
  }

  /** The calibration line of the boot CPU. */
  public static String calibrate(MachineConfig c) {
    long lpj = lpj(c);
    return "Calibrating delay loop (skipped), value calculated using timer frequency.. "
        + bogomips(lpj, c.hz()) + " BogoMIPS (lpj=" + lpj + ")";
  }

  /** {@code %lu.%02lu} BogoMIPS of a loops-per-jiffy sum (init/calibrate.c). */
  public static String bogomips(long lpj, int hz) {
    return (lpj / (500_000 / hz)) + "." + String.format("%02d", (lpj / (5_000 / hz)) % 100);
  }

  public static String cpu0(MachineConfig c) {
    return "smpboot: CPU0: " + c.cpuModel() + " (family: 0x6, model: 0x55, stepping: 0x4)";
  }

  /** Lines after bring-up (smp_cpus_done / smp_init). */
  public static List<String> broughtUp(MachineConfig c, int cpus) {
    int sockets = Math.max(1, c.sockets());
    return List.of("smp: Brought up 1 node, " + cpus + " CPU" + (cpus == 1 ? "" : "s"),
        "smpboot: Max logical packages: " + sockets,
        "smpboot: Total of " + cpus + " processors activated (" + bogomips(lpj(c) * cpus, c.hz())
            + " BogoMIPS)");
  }

  /** Clock source lines once devices are up. */
  public static List<String> clocksources() {
    return List.of("hpet0: at MMIO 0xfed00000, IRQs 2, 8, 0",
        "hpet0: 3 comparators, 64-bit 14.318180 MHz counter",
        "clocksource: Switched to clocksource tsc-early");
  }

  /** The last lines before user space. */
  public static List<String> late(MachineConfig c) {
    List<String> l = new ArrayList<>();
    if (c.cpus() > 1) {
      l.add("IPI shorthand broadcast: enabled");
    }
    l.add("clocksource: Switched to clocksource tsc");
    l.add("Freeing unused kernel image (initmem) memory: 2824K");
    l.add("Run /init as init process");
    return l;
  }

  static String mhz(long khz) {
    return (khz / 1000) + "." + String.format("%03d", khz % 1000);
  }
}

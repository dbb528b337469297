package io.smpsim.kernel.cpu;

import io.smpsim.kernel.E820;
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

  /** CONFIG_NR_CPUS of a distribution kernel (Debian's 6.1). */
  static final int NR_CPUS = 8192;

  /** NR_IRQS with CONFIG_X86_IO_APIC: NR_VECTORS + IO_APIC_VECTOR_LIMIT (asm/irq_vectors.h). */
  static final int NR_IRQS = 524_544;

  /** NR_VECTORS (asm/irq_vectors.h). */
  static final int NR_VECTORS = 256;

  /** The ISA IRQs of the legacy PIC (nr_legacy_irqs()). */
  static final int NR_IRQS_LEGACY = 16;

  /** gsi_top: one IO-APIC with 24 pins. */
  static final int GSI_TOP = 24;

  /** CONFIG_RCU_FANOUT_LEAF. */
  static final int RCU_FANOUT_LEAF = 16;

  private BootLog() {}

  /**
   * nr_irqs as early_irq_init() prints it: NR_IRQS capped to NR_VECTORS per CPU, then lowered to
   * the IO-APIC pins, legacy IRQs, 8 per CPU and 16 MSI per GSI (kernel/irq/irqdesc.c,
   * arch/x86/kernel/apic/vector.c arch_probe_nr_irqs with CONFIG_PCI_MSI).
   */
  public static int nrIrqs(int nrCpuIds) {
    int nrIrqs = Math.min(NR_IRQS, NR_VECTORS * nrCpuIds);
    int nr = GSI_TOP + NR_IRQS_LEGACY + 8 * nrCpuIds;
    nr += GSI_TOP <= NR_IRQS_LEGACY ? 8 * nrCpuIds : GSI_TOP * 16;
    return Math.min(nr, nrIrqs);
  }

  /**
   * rcu_init()'s lines about the CPU count: rcu_bootup_announce_oddness() when nr_cpu_ids is
   * below NR_CPUS, rcu_init_geometry() unless both the leaf fanout and nr_cpu_ids are the
   * defaults (kernel/rcu/tree_plugin.h, kernel/rcu/tree.c).
   */
  static List<String> rcuInit(int nrCpuIds) {
    List<String> l = new ArrayList<>();
    if (nrCpuIds != NR_CPUS) {
      l.add("rcu: \tRCU restricting CPUs from NR_CPUS=" + NR_CPUS + " to nr_cpu_ids=" + nrCpuIds
          + ".");
      l.add("rcu: Adjusting geometry for rcu_fanout_leaf=" + RCU_FANOUT_LEAF + ", nr_cpu_ids="
          + nrCpuIds);
    }
    return l;
  }

  /** Lines printed at reset, before the timers are set up. */
  public static List<String> early(MachineConfig c) {
    KernelCmdline cmd = c.kernelCmdline();
    List<String> l = new ArrayList<>();
    l.add(c.kernel().banner());
    l.add("Command line: " + cmd.raw());
    l.add("DMI: smpsim Simulated SMP machine/smpsim, BIOS 1.0 " + c.biosDate());
    l.add("tsc: Detected " + mhz(c.cpuKhz()) + " MHz processor");
    return l;
  }

  /** Lines of ACPI/MADT parsing and the kernel command line (setup_arch, start_kernel). */
  public static List<String> setup(MachineConfig c) {
    KernelCmdline cmd = c.kernelCmdline();
    List<String> l = new ArrayList<>();
    // The MADT's one LAPIC_NMI entry (all processors, LINT1) and its IO-APIC
    // (drivers/acpi/tables.c acpi_table_print_madt_entry, arch/x86/kernel/apic/io_apic.c).
    l.add("ACPI: LAPIC_NMI (acpi_id[0xff] dfl dfl lint[0x1])");
    l.add("IOAPIC[0]: apic_id 0, version 32, address 0xfec00000, GSI 0-" + (GSI_TOP - 1));
    l.add("ACPI: Using ACPI (MADT) for SMP configuration information");
    l.add("ACPI: HPET id: 0x8086a201 base: 0xfed00000");
    l.add("smpboot: Allowing " + c.cpus() + " CPUs, 0 hotplug CPUs");
    if (c.kernel().major() >= 6) {
      // setup_arch() -> e820__register_nosave_regions() -> register_nosave_region()
      // (kernel/power/snapshot.c, pr_info).
      for (String r : E820.NOSAVE_REGIONS) {
        l.add("PM: hibernation: Registered nosave memory: " + r);
      }
    }
    // CONFIG_CPUMASK_OFFSTACK: nr_cpumask_bits is nr_cpu_ids (mm/percpu.c, arch/x86/kernel/
    // setup_percpu.c setup_per_cpu_areas).
    l.add("setup_percpu: NR_CPUS:" + NR_CPUS + " nr_cpumask_bits:" + c.cpus() + " nr_cpu_ids:"
        + c.cpus() + " nr_node_ids:1");
    l.add("Kernel command line: " + cmd.raw());
    if (!cmd.unknown().isEmpty()) {
      l.add("Unknown kernel command line parameters \"" + String.join(" ", cmd.unknown())
          + "\", will be passed to user space.");
    }
    l.addAll(rcuInit(c.cpus()));
    l.add("NR_IRQS: " + NR_IRQS + ", nr_irqs: " + nrIrqs(c.cpus()) + ", preallocated irqs: "
        + NR_IRQS_LEGACY);
    l.add("clocksource: hpet: mask: 0xffffffff max_cycles: 0xffffffff, max_idle_ns: 133484882848"
        + " ns");
    return l;
  }

  /**
   * IO-APIC and timer check lines: apic_intr_mode_init(), whose default_setup_apic_routing()
   * switches to physflat when more than 8 CPUs are possible (arch/x86/kernel/apic/apic.c,
   * probe_64.c, apic_flat_64.c physflat_probe), then check_timer().
   */
  public static List<String> ioApic(MachineConfig c) {
    List<String> l = new ArrayList<>();
    l.add("APIC: Switch to symmetric I/O mode setup");
    if (physflat(c.cpus())) {
      l.add("Switched APIC routing to physical flat.");
    }
    l.add("..TIMER: vector=0x30 apic1=0 pin1=2 apic2=-1 pin2=-1");
    return l;
  }

  /** physflat_probe(): flat logical mode addresses at most 8 CPUs. */
  public static boolean physflat(int possibleCpus) {
    return possibleCpus > 8;
  }

  /** Whether tsc_init() marks the TSC unstable on this machine (unsynchronized_tsc()). */
  public static boolean tscUnstable(MachineConfig c) {
    return c.cpuId().tscUnstable(c.cpuModel(), c.cpus());
  }

  /** loops_per_jiffy from the TSC, as calibrate_delay_is_known() gives it. */
  public static long lpj(MachineConfig c) {
    long preset = CalibrateDelay.presetLpj(c);
    return preset != 0 ? preset : c.cpuKhz() * 1000 / c.hz();
  }

  /**
   * The boot CPU's lines of x86_late_time_init(): tsc_init() marking an unsynchronized TSC
   * unstable (arch/x86/kernel/tsc.c mark_tsc_unstable), then calibrate_delay().
   */
  public static List<String> lateTime(MachineConfig c) {
    List<String> l = new ArrayList<>();
    if (tscUnstable(c)) {
      l.add("tsc: Marking TSC unstable due to TSCs unsynchronized");
    }
    l.add(calibrate(c));
    // alternative_instructions() frees the SMP lock sections unless it patched the kernel for
    // uniprocessor use, which only a one-CPU machine (that frees them as well) gets
    // (arch/x86/kernel/alternative.c).
    l.add("Freeing SMP alternatives memory: 36K");
    return l;
  }

  /**
   * The calibration line of the boot CPU (init/calibrate.c calibrate_delay()): an {@code lpj=}
   * preset first, else the TSC's frequency (lpj_fine).
   */
  public static String calibrate(MachineConfig c) {
    long lpj = lpj(c);
    String how = CalibrateDelay.presetLpj(c) != 0
        ? "Calibrating delay loop (skipped) preset value.. "
        : "Calibrating delay loop (skipped), value calculated using timer frequency.. ";
    return how + bogomips(lpj, c.hz()) + " BogoMIPS (lpj=" + Long.toUnsignedString(lpj) + ")";
  }

  /** {@code %lu.%02lu} BogoMIPS of a loops-per-jiffy sum (init/calibrate.c). */
  public static String bogomips(long lpj, int hz) {
    // Unsigned longs, as the kernel's: an lpj= beyond 2^63 prints as the kernel prints it.
    return Long.toUnsignedString(Long.divideUnsigned(lpj, 500_000 / hz)) + "."
        + String.format("%02d", Long.remainderUnsigned(Long.divideUnsigned(lpj, 5_000 / hz), 100));
  }

  public static String cpu0(MachineConfig c) {
    return "smpboot: CPU0: " + c.cpuModel() + " (family: 0x" + Integer.toHexString(c.cpuId()
        .family()) + ", model: 0x" + Integer.toHexString(c.cpuId().model()) + ", stepping: 0x"
        + Integer.toHexString(c.cpuId().stepping()) + ")";
  }

  /** Lines after bring-up (smp_cpus_done / smp_init). */
  public static List<String> broughtUp(MachineConfig c, int cpus) {
    int sockets = Math.max(1, c.sockets());
    return List.of("smp: Brought up 1 node, " + cpus + " CPU" + (cpus == 1 ? "" : "s"),
        "smpboot: Max logical packages: " + sockets,
        "smpboot: Total of " + cpus + " processors activated (" + bogomips(lpj(c) * cpus, c.hz())
            + " BogoMIPS)");
  }

  /**
   * Clock source lines once devices are up: the best registered clocksource is tsc-early, or the
   * HPET when the TSC was marked unstable (kernel/time/clocksource.c).
   */
  public static List<String> clocksources(MachineConfig c) {
    return List.of("hpet0: at MMIO 0xfed00000, IRQs 2, 8, 0",
        "hpet0: 3 comparators, 64-bit 14.318180 MHz counter",
        "clocksource: Switched to clocksource " + (tscUnstable(c) ? "hpet" : "tsc-early"));
  }

  /** The last lines before user space. */
  public static List<String> late(MachineConfig c) {
    List<String> l = new ArrayList<>();
    // arch/x86/kernel/apic/ipi.c print_ipi_mode(), a late_initcall.
    if (announcesSmp(c)) {
      l.add("IPI shorthand broadcast: enabled");
    }
    if (!tscUnstable(c) && !tscRefinedLater(c)) {
      l.add("clocksource: Switched to clocksource tsc");
    }
    l.add("Freeing unused kernel image (initmem) memory: 2824K");
    l.add("Run /init as init process");
    return l;
  }

  /**
   * Whether the boot prints smp_init()'s and print_ipi_mode()'s lines: a 6.x kernel on any
   * number of CPUs (a real one-CPU boot prints both); smpsim's 2.6 boot log, which borrows the
   * 6.x lines, only with CPUs to bring up.
   */
  public static boolean announcesSmp(MachineConfig c) {
    return c.cpus() > 1 || c.kernel().major() >= 6;
  }

  /**
   * Whether the TSC clocksource comes from tsc_refine_calibration_work() (arch/x86/kernel/
   * tsc.c, 6.x): init_tsc_clocksource(), a device initcall, queues it at once; its first run
   * reads the TSC and a reference clock, its second, a second later, derives the TSC's
   * frequency from them ({@link #tscRefined}), and unless the TSC was marked unstable
   * meanwhile registers the "tsc" clocksource, which replaces tsc-early. 2.6 machines switch at
   * the end of the initcalls, as smpsim has them.
   */
  public static boolean tscRefinedLater(MachineConfig c) {
    return c.kernel().major() >= 6;
  }

  /** The lines of tsc_refine_calibration_work()'s second run on a TSC that stays stable. */
  public static List<String> tscRefined(MachineConfig c) {
    // Measured against the HPET over a second: the simulated TSC's own rate, well within the
    // 1% the kernel trusts.
    return List.of("tsc: Refined TSC clocksource calibration: " + mhz(c.cpuKhz()) + " MHz",
        "clocksource: Switched to clocksource tsc");
  }

  static String mhz(long khz) {
    return (khz / 1000) + "." + String.format("%03d", khz % 1000);
  }
}

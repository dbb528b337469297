package io.smpsim.kernel.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.CpuId;
import io.smpsim.kernel.MachineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Boot lines whose values follow the kernel's rules from the machine's CPU count and CPUID. */
class BootLogTest {

  private static final String QEMU64 = "AMD QEMU Virtual CPU version 2.5+";
  private static final String XEON = "Intel(R) Xeon(R) Platinum 8160 CPU @ 2.10GHz";

  private static MachineConfig machine(int cpus, String model) {
    return new MachineConfig("m0", 0, cpus, 1, 250, true, "console=ttyS0", model, 2_599_990,
        HwTimings.uniform(1000), 1_000_000, MachineConfig.Placement.MACHINE);
  }

  @Test
  void nrIrqsFollowsArchProbeNrIrqs() {
    // min(NR_VECTORS * nr_cpu_ids, gsi_top + legacy + 8 per CPU + 16 MSI per GSI): the
    // recorded 8-CPU guest printed 488 (kernel/irq/irqdesc.c, arch/x86/kernel/apic/vector.c).
    assertEquals(256, BootLog.nrIrqs(1));
    assertEquals(440, BootLog.nrIrqs(2));
    assertEquals(488, BootLog.nrIrqs(8));
    assertEquals(936, BootLog.nrIrqs(64));
    assertEquals(33_192, BootLog.nrIrqs(4096));
    assertTrue(BootLog.setup(machine(8, QEMU64))
        .contains("NR_IRQS: 524544, nr_irqs: 488, preallocated irqs: 16"));
  }

  @Test
  void physicalFlatRoutingOnlyAboveEightCpus() {
    // physflat_probe(): flat logical APIC mode addresses at most 8 CPUs.
    assertFalse(BootLog.ioApic(machine(8, XEON)).contains(
        "Switched APIC routing to physical flat."));
    assertEquals(List.of("APIC: Switch to symmetric I/O mode setup",
        "Switched APIC routing to physical flat.",
        "..TIMER: vector=0x30 apic1=0 pin1=2 apic2=-1 pin2=-1"),
        BootLog.ioApic(machine(9, XEON)));
  }

  @Test
  void percpuAndRcuLinesNameNrCpuIds() {
    List<String> l = BootLog.setup(machine(16, XEON));
    assertTrue(l.contains("setup_percpu: NR_CPUS:8192 nr_cpumask_bits:16 nr_cpu_ids:16"
        + " nr_node_ids:1"), l.toString());
    assertTrue(l.contains("rcu: \tRCU restricting CPUs from NR_CPUS=8192 to nr_cpu_ids=16."));
    assertTrue(l.contains("rcu: Adjusting geometry for rcu_fanout_leaf=16, nr_cpu_ids=16"));
    // rcu_init_geometry() and the oddness announcement are silent at the compiled-in defaults.
    assertEquals(List.of(), BootLog.rcuInit(8192));
  }

  @Test
  void anAmdCpuWithoutInvariantTscHasItMarkedUnstableAndBootsOnTheHpet() {
    MachineConfig qemu = machine(8, QEMU64);
    assertEquals("smpboot: CPU0: " + QEMU64 + " (family: 0xf, model: 0x6b, stepping: 0x1)",
        BootLog.cpu0(qemu));
    assertEquals("tsc: Marking TSC unstable due to TSCs unsynchronized",
        BootLog.lateTime(qemu).get(0));
    assertTrue(BootLog.clocksources(qemu).contains("clocksource: Switched to clocksource hpet"));
    assertFalse(BootLog.late(qemu).contains("clocksource: Switched to clocksource tsc"));
    // unsynchronized_tsc(): one possible CPU cannot disagree with itself.
    assertFalse(BootLog.tscUnstable(machine(1, QEMU64)));
  }

  @Test
  void constantTscKeepsTheTscAndTheDefaultModelPrintsAsBefore() {
    MachineConfig xeon = machine(8, XEON);
    assertEquals("smpboot: CPU0: " + XEON + " (family: 0x6, model: 0x55, stepping: 0x4)",
        BootLog.cpu0(xeon));
    assertFalse(BootLog.tscUnstable(xeon));
    // The TSC clocksource comes a second after the device initcalls, from its refinement.
    assertFalse(BootLog.late(xeon).contains("clocksource: Switched to clocksource tsc"));
    assertTrue(BootLog.tscRefinedLater(xeon));
    assertEquals(List.of("tsc: Refined TSC clocksource calibration: 2599.990 MHz",
        "clocksource: Switched to clocksource tsc"), BootLog.tscRefined(xeon));
    // An old Intel part without invariant TSC still has constant_tsc from family 6 model 0xe
    // on (early_init_intel), and Intel systems are assumed synchronized anyway.
    CpuId core2 = new CpuId(6, 0x0f, 2, false, 0, 0);
    assertTrue(core2.constantTsc(XEON));
    assertFalse(new CpuId(6, 0x0d, 2, false, 0, 0).constantTsc(XEON));
    assertFalse(new CpuId(6, 0x0d, 2, false, 0, 0).tscUnstable(XEON, 8));
    assertTrue(new CpuId(0xf, 0x6b, 1, true, 0, 0).constantTsc(QEMU64));
  }

  @Test
  void everyMachineFreesTheSmpAlternatives() {
    assertTrue(BootLog.lateTime(machine(1, XEON)).contains("Freeing SMP alternatives memory: 36K"));
    assertTrue(BootLog.lateTime(machine(64, QEMU64))
        .contains("Freeing SMP alternatives memory: 36K"));
  }
}

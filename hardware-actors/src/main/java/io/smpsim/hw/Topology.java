package io.smpsim.hw;

import io.smpsim.hw.apic.IoApic;
import io.smpsim.hw.chipset.Chipset;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.hw.pmu.Pmu;
import io.smpsim.hw.timer.Hpet;
import io.smpsim.hw.timer.Pit;
import io.smpsim.sim.Address;

/**
 * How the hardware of one machine is wired: where each CPU, local APIC and platform device
 * lives in the world. Hardware entities address each other only through this.
 */
public interface Topology {

  /** Number of CPUs (possible = present) in the machine. */
  int cpus();

  Address<Cpu.Command> cpu(int index);

  Address<LocalApic.Command> apic(int index);

  /** The performance-monitoring unit of CPU {@code index}. */
  Address<Pmu.Command> pmu(int index);

  /** The APIC id of CPU {@code index}. */
  int apicId(int index);

  /** The CPU index whose local APIC has id {@code apicId}, or -1. */
  int cpuOfApicId(int apicId);

  Address<IoApic.Command> ioApic();

  Address<Pit.Command> pit();

  Address<Hpet.Command> hpet();

  /** The chipset (southbridge): NMI sources, the NMI status port and the NMI-enable gate. */
  Address<Chipset.Command> chipset();
}

package io.smpsim.hw.testing;

import io.smpsim.hw.HwTimings;
import io.smpsim.hw.Topology;
import io.smpsim.hw.apic.IoApic;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.chipset.Chipset;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.hw.pmu.Pmu;
import io.smpsim.hw.timer.Hpet;
import io.smpsim.hw.timer.Pit;
import io.smpsim.sim.Address;
import io.smpsim.sim.Entity;
import io.smpsim.sim.SimWorld;

/**
 * A machine's worth of hardware for tests: the platform devices, then a CPU (running a
 * {@link RecordingKernel}), its local APIC and its PMU per CPU. Every latency is {@link #L}.
 */
public final class HwTestWorld implements SimWorld, Topology {

  /** The lookahead and every bus latency. */
  public static final long L = 100;
  /** The core clock: 1 GHz, so one cycle is one ns. */
  public static final long CPU_KHZ = 1_000_000;

  public static final int IOAPIC = 0;
  public static final int PIT = 1;
  public static final int HPET = 2;
  public static final int CHIPSET = 3;
  private static final int PLATFORM = 4;

  private final int cpus;
  private final HwTimings timings = HwTimings.uniform(L);

  public HwTestWorld(int cpus) {
    this.cpus = cpus;
  }

  public HwTimings timings() {
    return timings;
  }

  public int cpuId(int c) {
    return PLATFORM + 3 * c;
  }

  public int apicEntity(int c) {
    return PLATFORM + 3 * c + 1;
  }

  public int pmuId(int c) {
    return PLATFORM + 3 * c + 2;
  }

  @Override
  public int entityCount() {
    return PLATFORM + 3 * cpus;
  }

  @Override
  public Entity<?> create(int id) {
    switch (id) {
      case IOAPIC:
        return new IoApic(this, timings);
      case PIT:
        return new Pit(this, L);
      case HPET:
        return new Hpet(this, L, 3, 14_318_180L);
      case CHIPSET:
        return new Chipset(this, timings);
      default:
        break;
    }
    int c = (id - PLATFORM) / 3;
    return switch ((id - PLATFORM) % 3) {
      case 0 -> new Cpu(c, this, timings, new RecordingKernel());
      case 1 -> new LocalApic(c, this, timings, true);
      default -> new Pmu(c, this, timings, CPU_KHZ);
    };
  }

  @Override
  public int groupOf(int id) {
    return 0;
  }

  @Override
  public int groupCount() {
    return 1;
  }

  @Override
  public String nameOf(int id) {
    return "hw" + id;
  }

  @Override
  public int cpus() {
    return cpus;
  }

  @Override
  public Address<Cpu.Command> cpu(int index) {
    return Address.of(cpuId(index));
  }

  @Override
  public Address<LocalApic.Command> apic(int index) {
    return Address.of(apicEntity(index));
  }

  @Override
  public Address<Pmu.Command> pmu(int index) {
    return Address.of(pmuId(index));
  }

  @Override
  public int apicId(int index) {
    return index;
  }

  @Override
  public int cpuOfApicId(int apicId) {
    return apicId >= 0 && apicId < cpus ? apicId : -1;
  }

  @Override
  public Address<IoApic.Command> ioApic() {
    return Address.of(IOAPIC);
  }

  @Override
  public Address<Pit.Command> pit() {
    return Address.of(PIT);
  }

  @Override
  public Address<Hpet.Command> hpet() {
    return Address.of(HPET);
  }

  @Override
  public Address<Chipset.Command> chipset() {
    return Address.of(CHIPSET);
  }
}

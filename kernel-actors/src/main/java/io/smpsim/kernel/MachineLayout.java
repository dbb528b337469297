package io.smpsim.kernel;

import io.smpsim.hw.Topology;
import io.smpsim.hw.apic.IoApic;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.chipset.Chipset;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.hw.nic.Nic;
import io.smpsim.hw.pmu.Pmu;
import io.smpsim.hw.timer.Hpet;
import io.smpsim.hw.timer.Pit;
import io.smpsim.sim.Address;
import io.smpsim.sim.SimMessage;
import io.smpsim.sim.serialization.WireMessage;

/**
 * Where each entity of one machine lives in the world: a contiguous block of ids starting at
 * {@code base}, machine-wide entities first, then a CPU, its local APIC and its PMU per CPU,
 * then the NICs, then the NICs' TX queues (NIC 0's in order, then NIC 1's, ...).
 *
 * @param base the first id of the machine's block
 * @param cpus number of CPUs
 * @param nics number of NICs
 * @param txQueues number of TX queues of all the NICs (an entity each)
 */
public record MachineLayout(int base, int cpus, int nics, int txQueues)
    implements Topology, WireMessage {

  /** Slots of the machine-wide entities, relative to base. */
  public enum Slot { KLOG, SHELL, HOTPLUG, IOAPIC, PIT, HPET, SYSCTL, CHIPSET, NETNS, POWER }

  /** A machine without NICs. */
  public MachineLayout(int base, int cpus) {
    this(base, cpus, 0, 0);
  }

  /** Entities per CPU: the CPU, its local APIC, its PMU. */
  public static final int PER_CPU = 3;

  /** The slots, in order (values() copies its array on every call, and addresses are hot). */
  private static final Slot[] SLOTS = Slot.values();

  /** Number of entities of a machine with {@code cpus} CPUs and no NICs. */
  public static int size(int cpus) {
    return SLOTS.length + PER_CPU * cpus;
  }

  public int size() {
    return size(cpus) + nics + txQueues;
  }

  /** The id of a machine-wide entity. */
  public int id(Slot slot) {
    return base + slot.ordinal();
  }

  /** The machine-wide entity at {@code id}, or null if the id is a per-CPU entity. */
  public Slot slotOf(int id) {
    int rel = id - base;
    return rel < SLOTS.length ? SLOTS[rel] : null;
  }

  /** The NIC at {@code id}, or -1 if the id is not one of the machine's NICs. */
  public int nicOf(int id) {
    int rel = id - base - size(cpus);
    return rel >= 0 && rel < nics ? rel : -1;
  }

  /**
   * The TX queue entity at {@code id} (its index among the machine's TX queues), or -1 if the
   * id is none.
   */
  public int txQueueOf(int id) {
    int rel = id - base - size(cpus) - nics;
    return rel >= 0 && rel < txQueues ? rel : -1;
  }

  /** The entity of TX queue {@code index} among the machine's TX queues. */
  public <M extends SimMessage> Address<M> txQueue(int index) {
    return Address.of(base + size(cpus) + nics + index);
  }

  /** NIC {@code index} of the machine. */
  public Address<Nic.Command> nic(int index) {
    return Address.of(base + size(cpus) + index);
  }

  /**
   * The machine-wide entity in {@code slot}; its protocol is the caller's to know (the
   * subsystem that owns the entity), the layout only places it.
   */
  public <M extends SimMessage> Address<M> address(Slot slot) {
    return Address.of(id(slot));
  }

  /** The machine's network namespace. */
  public <M extends SimMessage> Address<M> netns() {
    return address(Slot.NETNS);
  }

  /** For a per-CPU id: the CPU index. */
  public int cpuOf(int id) {
    return (id - base - SLOTS.length) / PER_CPU;
  }

  /** For a per-CPU id: 0 for the CPU, 1 for its local APIC, 2 for its PMU. */
  public int perCpuKind(int id) {
    return (id - base - SLOTS.length) % PER_CPU;
  }

  @Override
  public Address<Cpu.Command> cpu(int index) {
    return Address.of(base + SLOTS.length + PER_CPU * index);
  }

  @Override
  public Address<LocalApic.Command> apic(int index) {
    return Address.of(base + SLOTS.length + PER_CPU * index + 1);
  }

  @Override
  public Address<Pmu.Command> pmu(int index) {
    return Address.of(base + SLOTS.length + PER_CPU * index + 2);
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
    return Address.of(id(Slot.IOAPIC));
  }

  @Override
  public Address<Pit.Command> pit() {
    return Address.of(id(Slot.PIT));
  }

  @Override
  public Address<Hpet.Command> hpet() {
    return Address.of(id(Slot.HPET));
  }

  @Override
  public Address<Chipset.Command> chipset() {
    return Address.of(id(Slot.CHIPSET));
  }

  /** The machine-wide sysctl and lockup-detector entity. */
  public <M extends SimMessage> Address<M> sysctl() {
    return address(Slot.SYSCTL);
  }

  /** The kernel log buffer. */
  public <M extends SimMessage> Address<M> klog() {
    return address(Slot.KLOG);
  }

  /** The shell. */
  public <M extends SimMessage> Address<M> shell() {
    return address(Slot.SHELL);
  }

  /** The CPU hotplug controller. */
  public <M extends SimMessage> Address<M> hotplug() {
    return address(Slot.HOTPLUG);
  }

  /** The PM core (suspend/resume) and the RTC's alarm. */
  public <M extends SimMessage> Address<M> power() {
    return address(Slot.POWER);
  }
}

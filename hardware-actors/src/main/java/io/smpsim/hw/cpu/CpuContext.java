package io.smpsim.hw.cpu;

import io.smpsim.hw.Topology;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.pmu.Pmu;
import io.smpsim.sim.Address;
import io.smpsim.sim.SimMessage;
import io.smpsim.sim.SimOutput;
import io.smpsim.sim.SimRandom;

/**
 * What kernel code running on a CPU can do: read the clock, change the CPU's execution state
 * (halt, mask interrupts, stay in a handler), program its local APIC and talk to other entities.
 */
public interface CpuContext {

  /** Simulated time in ns. */
  long now();

  /** This CPU's index (the kernel's CPU number). */
  int cpu();

  /** This CPU's local APIC id. */
  int apicId();

  /** The machine's wiring. */
  Topology topology();

  /** Whether this CPU is the boot processor. */
  boolean isBootCpu();

  // ---- execution state ----------------------------------------------------------------------

  /** Executes HLT: the CPU stops until an interrupt it accepts (or an NMI, INIT). */
  void halt();

  /**
   * Called from an interrupt or NMI handler that woke a halted CPU: do not go back to HLT when
   * the handler returns (the idle loop found work).
   */
  void stayAwake();

  /**
   * The kernel took {@code times} interrupts of a halted core together, without the core
   * waking for each (an idle CPU's coasting tick): the PMU counts the unhalted cycles each wake-up
   * would have cost.
   */
  void wokeBriefly(int times);

  /** Whether the CPU is halted (not counting unhalted cycles). */
  boolean isHalted();

  /** Sets the interrupt flag of the interrupted (task) context: cli/sti. */
  void setInterruptsEnabled(boolean enabled);

  boolean interruptsEnabled();

  /** Whether the CPU is handling an NMI right now. */
  boolean inNmi();

  /** Whether the CPU is handling a maskable interrupt right now. */
  boolean inIrq();

  /**
   * Keeps the current handler (interrupt or NMI) running for {@code ns} more nanoseconds; until
   * then the CPU takes no maskable interrupt (and, in an NMI, latches further NMIs).
   * {@link Long#MAX_VALUE} means the handler never returns.
   */
  void holdHandler(long ns);

  /** Ends a held handler now (for handlers that were waiting on something). */
  void endHandler();

  /**
   * The running handler took an exception (int3, a debug trap) and returned from it with IRET:
   * the handler goes on, but NMIs are no longer blocked. An NMI latched meanwhile is taken at
   * once, nested on top of the handler, and later ones nest too until an NMI is taken again.
   */
  void iret();

  // ---- the local APIC -----------------------------------------------------------------------

  /** Writes a register of this CPU's local APIC (MMIO: takes the machine's mmio latency). */
  void apic(LocalApic.Command write);

  // ---- the PMU and I/O ports ----------------------------------------------------------------

  /** Writes this CPU's PMU MSRs (takes the machine's mmio latency). */
  void pmu(Pmu.Command write);

  /** {@code inb(0x61)}: the chipset's NMI status register, as this CPU last heard it. */
  int nmiReason();

  /** The machine's latency of a write to a device register. */
  long mmioLatency();

  /** The machine's latency between two CPUs (an IPI, a cache line moving). */
  long ipiLatency();

  // ---- the rest of the world ----------------------------------------------------------------

  /** Sends to another entity. */
  <M extends SimMessage> void send(Address<M> to, long latencyNs, M msg);

  /**
   * Delivers {@code msg} to this CPU's kernel ({@link CpuKernel#onMessage}) after
   * {@code delayNs}: kernel code that continues later on this CPU. Returns a handle for
   * {@link #cancel}.
   */
  long later(long delayNs, SimMessage msg);

  void cancel(long handle);

  SimRandom random();

  /** Reports an output (the kernel's log lines, a command's result). */
  void output(SimOutput out);
}

package io.smpsim.hw.cpu;

import io.smpsim.sim.SimMessage;

/**
 * The kernel code a CPU runs: the small interface through which the kernel module installs its
 * handlers on the hardware. The hardware calls these at the right moment and in the right
 * context; the kernel answers by acting on the {@link CpuContext}. Implementations hold the
 * kernel's per-CPU data and must be Kryo-serializable.
 */
public interface CpuKernel {

  /**
   * The CPU starts executing: the boot CPU at reset, an application processor after its
   * startup IPI (boot or hotplug online).
   */
  void onPowerOn(CpuContext cpu, boolean bootCpu);

  /**
   * A maskable interrupt was accepted (interrupts were enabled). Runs in hard-irq context;
   * interrupts stay disabled until the handler returns.
   */
  void onInterrupt(CpuContext cpu, int vector);

  /** An NMI was accepted (none was being handled). Further NMIs are latched until it returns. */
  void onNmi(CpuContext cpu, NmiSource source);

  /**
   * A message from kernel code elsewhere (another CPU, a machine-wide kernel service) delivered
   * to this CPU. It models the kernel's own communication: shared memory and the cross-CPU
   * function calls whose interrupts the kernel does not need to see.
   */
  void onMessage(CpuContext cpu, int src, SimMessage msg);

  /** INIT was received: the CPU is reset and waits for a startup IPI (offline, or re-onlining). */
  default void onInit(CpuContext cpu) {}
}

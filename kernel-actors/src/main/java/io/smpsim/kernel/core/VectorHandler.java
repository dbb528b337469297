package io.smpsim.kernel.core;

/**
 * What a CPU does when it takes a device interrupt on a vector a subsystem allocated (a PCI
 * MSI-X vector's handler, arch/x86/kernel/irq.c common_interrupt -> handle_irq): it runs in
 * hard-irq context, so only once the CPU has interrupts enabled; until then the vector stays
 * pending in the CPU.
 */
@FunctionalInterface
public interface VectorHandler {

  /** Handles the interrupt on {@code vector} on {@code cpu}. */
  void handle(KernelCpu cpu, int vector);
}

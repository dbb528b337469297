package io.smpsim.kernel.core;

/**
 * A device interrupt line as a row of /proc/interrupts shows it (kernel/irq/proc.c
 * show_interrupts): the Linux IRQ number, the irq_chip's name, the hardware IRQ with its flow
 * ("2-edge", "9-fasteoi", an MSI's "1048576-edge") and the handlers' names. Its per-CPU counts
 * are {@link IrqStats#count(int)} of each CPU.
 *
 * @param irq the Linux IRQ number
 * @param chip the irq_chip name ("IO-APIC", "PCI-MSIX-0000:00:03.0")
 * @param hwirq the hardware IRQ and flow handler, as printed after the chip
 * @param name the action names ("timer", "eth0-rx-0")
 */
public record IrqLine(int irq, String chip, String hwirq, String name) {}

package io.smpsim.kernel.core;

import io.smpsim.kernel.MachineConfig;
import java.util.List;

/**
 * The device interrupt rows a subsystem adds to /proc/interrupts for a machine (its MSI
 * vectors, say), each counted per CPU in {@link IrqStats#devIrqs} at its {@code slot}.
 */
@FunctionalInterface
public interface DeviceIrqRows {

  /**
   * One row: {@code irq} its Linux IRQ, {@code chip} the irq_chip's name, {@code hwirq} the
   * number in its domain, {@code flow} the flow handler's name, {@code name} the action's.
   */
  record Row(int irq, String chip, long hwirq, String flow, String name, int slot) {}

  /** The rows of a machine, in IRQ order. */
  List<Row> rows(MachineConfig config);
}

package io.smpsim.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.linux.Linux;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Device interrupt lines are registered by the subsystems whose hardware raises them, so a
 * later subsystem (a NIC's per-queue MSI vectors) adds rows to /proc/interrupts and counts to
 * /proc/stat's intr line without the stat files knowing it.
 */
class IrqLinesTest {

  private static final MachineConfig M = new MachineConfig("m0", 0, 2, 1, 250, true,
      "console=ttyS0", "Test CPU", 3_000_000, HwTimings.uniform(100), 1_000_000,
      MachineConfig.Placement.MACHINE);

  @Test
  void theLegacyLinesComeFromTheStatSubsystemInIrqOrder() {
    KernelTables t = Registry.compose(Linux.subsystems());
    assertEquals(List.of(0, 1, 4, 8, 9, 12),
        t.irqLines(M).stream().map(IrqLine::irq).toList());
    MachineConfig vga = new MachineConfig("m0", 0, 2, 1, 250, true, "", "Test CPU", 3_000_000,
        HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
    assertEquals(List.of(0, 1, 8, 9, 12), t.irqLines(vga).stream().map(IrqLine::irq).toList(),
        "no ttyS0 row when the console is not the serial port: nothing opened it");
  }

  @Test
  void anotherSubsystemsLinesJoinInIrqOrder() {
    List<Subsystem> all = new ArrayList<>(Linux.subsystems());
    all.add(r -> r.irqLines(c -> List.of(new IrqLine(25, "PCI-MSIX-0000:00:03.0",
        "1048576-edge", "eth0-rx-0"), new IrqLine(6, "IO-APIC", "6-edge", "floppy"))));
    KernelTables t = Registry.compose(all);
    assertEquals(List.of(0, 1, 4, 6, 8, 9, 12, 25),
        t.irqLines(M).stream().map(IrqLine::irq).toList());
  }

  @Test
  void countsAreKeptPerLineAboveAndBelowTheIsaRange() {
    IrqStats s = new IrqStats();
    s.countIrq(4);
    s.countIrq(25);
    s.countIrq(25);
    IrqStats c = s.copy();
    assertEquals(1, c.count(4));
    assertEquals(2, c.count(25));
    assertEquals(0, c.count(26));
  }
}

package io.smpsim.kernel;

import io.smpsim.kernel.linux.LinuxWorld;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.hw.HwTimings;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.net.NetAsker;
import io.smpsim.kernel.testing.MiniWorld;
import io.smpsim.sim.SimMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mail an entity does not understand is a programming error of its sender: it fails loudly
 * instead of being dropped, which would show up, if ever, as a machine that silently hangs.
 */
class UnknownMailTest {

  /** Mail no kernel handler claims. */
  record Stray() implements SimMessage {}

  /** An answer-shaped message the network namespace never sends. */
  record StrayAnswer() implements NetAsker {}

  private final LinuxWorld world = new LinuxWorld(List.of(new MachineConfig("m0", 0, 2, 1, 250,
      true, "", "Test CPU", 3_000_000, HwTimings.uniform(100), 1_000_000,
      MachineConfig.Placement.MACHINE)), List.of());

  @Test
  void aCpuThrowsOnKernelMailItDoesNotUnderstand() {
    int cpu = world.layout(0).cpu(1).id();
    MiniWorld w = new MiniWorld(world, 1, 100, cpu);
    w.inject(1_000, cpu, new Cpu.KernelMail(new Stray()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> w.runUntil(2_000));
    assertTrue(e.getMessage().startsWith("CPU 1 does not understand Stray"), e.getMessage());
  }

  @Test
  void theShellThrowsOnMailItDoesNotUnderstand() {
    int shell = world.layout(0).id(MachineLayout.Slot.SHELL);
    MiniWorld w = new MiniWorld(world, 1, 100, shell);
    w.inject(1_000, shell, new StrayAnswer());
    assertThrows(IllegalArgumentException.class, () -> w.runUntil(2_000));
  }
}

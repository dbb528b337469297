package io.smpsim.kernel.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The legacy devices' rows of /proc/interrupts on a 6.1 machine: each request_irq() takes the
 * online CPU with the most free vectors (kernel/irq/matrix.c matrix_find_best_cpu(), the first
 * of equals), in the order the kernel requests them (ACPI SCI, i8042 AUX test and AUX, i8042
 * keyboard, RTC, then the serial console at init), and the i8042 probe's interrupts land there.
 */
class LegacyDevicesTest {

  private static final long S = 1_000_000_000L;

  /** /proc/interrupts at 2 s on a machine of {@code cpus} CPUs with {@code cmdline}. */
  private static String interrupts(int cpus, String cmdline) {
    MachineConfig m = new MachineConfig("m0", 0, cpus, 1, 250, true, cmdline, "Test CPU",
        3_000_000, HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
    List<String> out = new ArrayList<>();
    EmbeddedLinuxRun.run(m, List.of(new TimelineCommand(2 * S, 0, "cat /proc/interrupts",
        "test")), 3 * S, ConfigFactory.empty(), o -> {
          if (o.output() instanceof CommandResult c) {
            out.add(c.stdout());
          }
        });
    return out.get(0);
  }

  /** The counts of row {@code irq}, one per online CPU. */
  private static List<Long> row(String table, int irq) {
    String label = String.format("%3d:", irq);
    for (String line : table.lines().toList()) {
      if (line.startsWith(label)) {
        String[] words = line.substring(4).trim().split("\\s+");
        return Arrays.stream(words).takeWhile(w -> w.matches("\\d+")).map(Long::valueOf)
            .toList();
      }
    }
    return null;
  }

  @Test
  void onEightCpusEachRequestTakesTheNextCpuAfterTheTimersOne() {
    String t = interrupts(8, "console=ttyS0");
    assertEquals(List.of(0L, 0L, 0L, 9L, 0L, 0L, 0L, 0L), row(t, 1),
        "atkbd's nine answers on CPU 3: " + t);
    assertEquals(List.of(0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L), row(t, 12),
        "the AUX test's interrupt on CPU 2");
    List<Long> tty = row(t, 4);
    assertTrue(tty.get(5) > 0 && tty.stream().mapToLong(Long::longValue).sum() == tty.get(5),
        "the shell's prompt went out through IRQ 4 on CPU 5: " + tty);
  }

  @Test
  void onTwoCpusTheRequestsAlternateAsTheirFreeVectorsEvenOut() {
    // CPU 0 holds IRQ0: acpi -> 1; AUX test -> 0 (freed), AUX -> 0; keyboard -> 1.
    String t = interrupts(2, "console=ttyS0,115200");
    assertEquals(List.of(0L, 9L), row(t, 1));
    assertEquals(List.of(1L, 0L), row(t, 12));
  }

  @Test
  void withoutASerialConsoleNoSerialRow() {
    assertEquals(null, row(interrupts(2, ""), 4));
  }
}

package io.smpsim.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * /proc/version (fs/proc/version.c): the running kernel's banner, the words its boot log
 * starts with, whatever the machine's kernel version.
 */
class ProcVersionTest {

  private static final long S = 1_000_000_000L;

  @ParameterizedTest
  @ValueSource(strings = {"6.1", "6.6", "2.6.19"})
  void procVersionIsTheBootBannerOfTheMachinesKernel(String kernel) {
    String cmdline = kernel.startsWith("2.6") ? "console=ttyS0 nmi_watchdog=0" : "console=ttyS0";
    MachineConfig m = new MachineConfig("m0", 0, 2, 1, 250, true, cmdline, "Test CPU",
        3_000_000, HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE)
        .withKernel(KernelVersion.parse(kernel), false);
    List<CommandResult> results = new ArrayList<>();
    List<String> log = new ArrayList<>();
    EmbeddedLinuxRun.run(m, List.of(new TimelineCommand(2 * S, 0, "cat /proc/version", "test")),
        3 * S, ConfigFactory.empty(), o -> {
          if (o.output() instanceof CommandResult r) {
            results.add(r);
          } else if (o.output() instanceof KernelLog l) {
            l.lines().stream().map(LogLine::text).forEach(log::add);
          }
        });
    String banner = log.stream().filter(l -> l.startsWith("Linux version ")).findFirst()
        .orElseThrow();
    assertEquals(0, results.get(0).exit());
    assertEquals(banner + "\n", results.get(0).stdout());
  }
}

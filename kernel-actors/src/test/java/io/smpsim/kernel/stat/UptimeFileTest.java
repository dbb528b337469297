package io.smpsim.kernel.stat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * /proc/uptime (fs/proc/uptime.c): seconds since boot and the idle seconds of all CPUs
 * together, both cut to hundredths; the idle time is the one /proc/stat's idle columns count.
 */
class UptimeFileTest {

  private static final long S = 1_000_000_000L;

  @Test
  void hundredthsAreCutNotRounded() {
    assertEquals("12.34", UptimeFile.seconds(12_349_999_999L));
    assertEquals("0.00", UptimeFile.seconds(9_999_999L));
    assertEquals("1.09", UptimeFile.seconds(1_090_000_000L));
    assertEquals("600.00", UptimeFile.seconds(600 * S));
  }

  @Test
  void uptimeIsTheBootClockAndIdleTheCpusIdleTimeTogether() {
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true, "console=ttyS0", "Test CPU",
        3_000_000, HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
    long at = 10 * S + 5_000_000;
    List<TimelineCommand> timeline = List.of(
        new TimelineCommand(2 * S, 0, "while :; do :; done &", "test"),
        new TimelineCommand(at, 0, "cat /proc/uptime", "test"),
        new TimelineCommand(at, 0, "cat /proc/stat", "test"));
    List<CommandResult> results = new ArrayList<>();
    EmbeddedLinuxRun.run(m, timeline, 11 * S, ConfigFactory.empty(), o -> {
      if (o.output() instanceof CommandResult r) {
        results.add(r);
      }
    });
    String uptime = results.get(1).stdout();
    assertTrue(uptime.matches("10\\.00 \\d+\\.\\d\\d\\n"), uptime);
    double idle = Double.parseDouble(uptime.split(" ")[1]);
    // Four CPUs for 10 s, one of them running the loop from 2 s: at most 32 s idle; boot (the
    // APs come up, CPU 0 runs the kernel's init) keeps them out of the idle loop for about a
    // second each, and the shell's commands for moments.
    assertTrue(idle > 27 && idle < 32, uptime);
    // /proc/stat's idle of all CPUs, in USER_HZ ticks (each CPU's time cut on its own).
    String cpu = results.get(2).stdout().lines().filter(l -> l.startsWith("cpu "))
        .findFirst().orElseThrow();
    double statIdle = Long.parseLong(cpu.split(" +")[4]) / 100.0;
    assertEquals(statIdle, idle, 0.02, uptime + " / " + cpu);
  }
}

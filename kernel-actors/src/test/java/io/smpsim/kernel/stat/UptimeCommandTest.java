package io.smpsim.kernel.stat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.sysctl.LoadAvg;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * busybox uptime (procps/uptime.c): the wall-clock time, the time since boot as sysinfo()
 * rounds it (a started second counts), no users, and the load averages cut, not rounded, to
 * hundredths.
 */
class UptimeCommandTest {

  private static final long S = 1_000_000_000L;

  @Test
  void sysinfosLoadsAreCutWhereProcLoadavgRounds() {
    // 2038 / 2048 = 0.9951: /proc/loadavg adds FIXED_1/200 first and prints 1.00.
    assertEquals("0.99", UptimeCommand.load(2038));
    assertEquals("1.00", LoadAvg.format(2038));
    assertEquals("0.08", UptimeCommand.load(164));
    assertEquals("2.00", UptimeCommand.load(2 * 2048));
  }

  @Test
  void uptimeShowsTheClockTheTimeUpAndTheLoad() {
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true, "console=ttyS0", "Test CPU",
        3_000_000, HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
    long late = 3700 * S + 500_000_000L;
    List<TimelineCommand> timeline = List.of(
        new TimelineCommand(2 * S, 0, "uptime", "test"),
        new TimelineCommand(2 * S + 1, 0, "while :; do :; done &", "test"),
        new TimelineCommand(late, 0, "uptime", "test"),
        new TimelineCommand(late + 1, 0, "uptime -s", "test"),
        new TimelineCommand(late + 2, 0, "uptime -h", "test"));
    List<CommandResult> r = new ArrayList<>();
    EmbeddedLinuxRun.run(m, timeline, 3701 * S, ConfigFactory.empty(), o -> {
      if (o.output() instanceof CommandResult c) {
        r.add(c);
      }
    });
    assertEquals(" 00:00:02 up 0 min,  0 users,  load average: 0.00, 0.00, 0.00\n",
        r.get(0).stdout());
    // 3700.5 s: the RTC's clock (from the epoch) reads 01:01:40, sysinfo() says 3701 s up. One
    // task for an hour: calc_load() rounds a rising average up, at least 1/2048 a window, which
    // carries even the 15-minute average to 1.00 (exp(-61/15) alone would leave 0.98).
    assertEquals(" 01:01:40 up  1:01,  0 users,  load average: 1.00, 1.00, 1.00\n",
        r.get(2).stdout());
    // Boot time = now - uptime, whole seconds as busybox takes them: one second early.
    assertEquals("1969-12-31 23:59:59\n", r.get(3).stdout());
    assertEquals(1, r.get(4).exit());
    assertEquals("uptime: invalid option -- 'h'\n" + BusyboxUsage.of("uptime"), r.get(4).stderr());
  }
}

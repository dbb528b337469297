package io.smpsim.kernel.stat;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * /proc/loadavg (fs/proc/loadavg.c) on a running machine: the averages follow the tasks the
 * CPUs run, window by window (every 5.004 s at HZ=250, published 40 ms after each window
 * starts), and the runnable and total task counts and the last pid include the reader.
 */
class LoadavgFileTest {

  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  @Test
  void theAveragesAndCountsFollowTheBusyLoops() {
    MachineConfig m = new MachineConfig("m0", 0, 4, 1, 250, true, "console=ttyS0", "Test CPU",
        3_000_000, HwTimings.uniform(100), 1_000_000, MachineConfig.Placement.MACHINE);
    long window = 1251 * 4 * MS;
    List<TimelineCommand> timeline = List.of(
        new TimelineCommand(2 * S, 0, "cat /proc/loadavg", "test"),
        new TimelineCommand(2 * S + 1, 0, "ps", "test"),
        new TimelineCommand(3 * S, 0, "while :; do :; done &", "test"),
        new TimelineCommand(3 * S + 1, 0, "while :; do :; done &", "test"),
        // Published 10 ticks after the window's start: not yet, then counted.
        new TimelineCommand(window + 36 * MS, 0, "cat /proc/loadavg", "test"),
        new TimelineCommand(window + 44 * MS, 0, "cat /proc/loadavg", "test"),
        // Thirteen windows of two tasks.
        new TimelineCommand(13 * window + 44 * MS, 0, "cat /proc/loadavg", "test"));
    List<CommandResult> results = new ArrayList<>();
    EmbeddedLinuxRun.run(m, timeline, 70 * S, ConfigFactory.empty(), o -> {
      if (o.output() instanceof CommandResult r) {
        results.add(r);
      }
    });
    String idle = results.get(0).stdout();
    // ps lists every task and itself; the reader is the task after the last one ps showed.
    List<String> ps = results.get(1).stdout().lines().skip(1).toList();
    int lastPsPid = Integer.parseInt(ps.get(ps.size() - 1).trim().split(" +")[0]);
    assertEquals("0.00 0.00 0.00 1/" + ps.size() + " " + lastPsPid + "\n", idle);
    // Two loops (pids lastPsPid and lastPsPid + 1) and the reader.
    String tasks = " 3/" + (ps.size() + 2) + " " + (lastPsPid + 2) + "\n";
    assertEquals("0.00 0.00 0.00" + tasks, results.get(4).stdout());
    assertEquals("0.16 0.03 0.01" + tasks, results.get(5).stdout());
    // 2 * (1 - (1884/2048)^13) = 1.325, each window's rounding up adding at most 1/2048.
    double one = Double.parseDouble(results.get(6).stdout().split(" ")[0]);
    assertEquals(2 * (1 - Math.pow(1884 / 2048.0, 13)), one, 0.015);
  }
}

package io.smpsim.kernel.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.smpsim.hw.HwTimings;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.testing.EmbeddedLinuxRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * busybox sleep (coreutils/sleep.c, libbb/duration.c): the shell waits the sum of its
 * arguments in simulated time; the commands typed meanwhile wait their turn. Messages as Debian
 * 12's busybox 1.35 prints them.
 */
class SleepTest {

  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  /** Each command's result as "exit:output@ms", the time its answer came. */
  private static List<String> run(long durationNs, String... script) {
    List<TimelineCommand> timeline = new ArrayList<>();
    for (String line : script) {
      timeline.add(new TimelineCommand(2 * S, 0, line, "test"));
    }
    MachineConfig m = new MachineConfig("m0", 0, 2, 1, 250, true, "console=ttyS0",
        "Test CPU", 3_000_000, HwTimings.uniform(100), 1_000_000,
        MachineConfig.Placement.MACHINE);
    List<String> results = new ArrayList<>();
    EmbeddedLinuxRun.run(m, timeline, durationNs,
        ConfigFactory.parseString("pekko.actor.serialize-messages = on"), o -> {
          if (o.output() instanceof CommandResult c) {
            results.add(c.exit() + ":" + c.stdout() + c.stderr() + "@" + o.time() / MS);
          }
        });
    return results;
  }

  private static long at(String result) {
    return Long.parseLong(result.substring(result.lastIndexOf('@') + 1));
  }

  @Test
  void theShellWaitsTheSumOfTheArgumentsAndTheNextCommandAfterIt() {
    List<String> r = run(70 * S, "sleep 1.5", "true", "sleep 0.5s .25 1m", "true",
        "sleep 0.01d");
    assertEquals(4, r.size(), "sleep 0.01d (864 s) has not ended: " + r);
    assertEquals(1500, at(r.get(0)) - 2000, 2, r.toString());
    assertEquals(at(r.get(0)), at(r.get(1)), 2, "queued behind the sleep");
    assertEquals(60750, at(r.get(2)) - at(r.get(1)), 2, r.toString());
  }

  @Test
  void wordsThatAreNoDurationAreBusyboxsErrors() {
    List<String> r = run(3 * S, "sleep 1x", "sleep 1.x", "sleep -1", "sleep -- 1",
        "sleep 1.5.2", "sleep", "sleep 2h1");
    assertEquals("1:sleep: invalid number '1x'\n", r.get(0).replaceAll("@\\d+$", ""));
    assertEquals("1:sleep: invalid number '1x'\n", r.get(1).replaceAll("@\\d+$", ""),
        "duration.c writes a 1 before a fraction's suffix");
    assertEquals("1:sleep: invalid number '-1'\n", r.get(2).replaceAll("@\\d+$", ""));
    assertEquals("1:sleep: invalid number '--'\n", r.get(3).replaceAll("@\\d+$", ""));
    assertEquals("1:" + BusyboxUsage.of("sleep"), r.get(4).replaceAll("@\\d+$", ""));
    assertEquals("1:" + BusyboxUsage.of("sleep"), r.get(5).replaceAll("@\\d+$", ""));
    assertEquals("1:sleep: invalid number '2h1'\n", r.get(6).replaceAll("@\\d+$", ""));
  }
}

package io.smpsim.app.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.run.ScenarioRun;
import io.smpsim.kernel.shell.CommandResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine key {@code rtc}: the CMOS RTC's time at power-on (a virtual machine's is its
 * host's). The kernel takes its wall clock from it (timekeeping_init(), rtc_hctosys()), so
 * {@code date}, rtc0's sysfs attributes and /proc/stat's btime (getboottime64()) follow it,
 * and an absolute wakealarm counts in the RTC's seconds.
 */
class RtcKeyTest {

  private static final long POWER_ON = 1_795_311_453L;

  private static Scenario load(String rtc) {
    return new ScenarioLoader().load("duration = 1s\nmachines = [ { name = m0, cpus = 2" + rtc
        + " } ]\n", "r.conf", null, null);
  }

  @Test
  void theRtcStartsAtTheEpochUnlessTheScenarioSetsIt() {
    assertEquals(0, load("").machines().get(0).rtcSec());
    assertEquals(POWER_ON, load(", rtc = \"2026-11-22T01:37:33Z\"").machines().get(0).rtcSec());
    for (String bad : List.of("yesterday", "2026-11-22T01:37:33.5Z", "1969-12-31T23:59:59Z")) {
      String m = assertThrows(ScenarioException.class,
          () -> load(", rtc = \"" + bad + "\"")).getMessage();
      assertTrue(m.contains("rtc"), m);
    }
  }

  @Test
  void theWallClockBtimeAndTheRtcFilesRunFromTheRtcsPowerOnTime(@TempDir Path dir)
      throws IOException {
    List<CommandResult> r = ScenarioRun.alone(dir, "rtc.conf", """
        seed = 1
        duration = 4s
        machines = [ { name = m0, cpus = 2, rtc = "2026-11-22T01:37:33Z" } ]
        timeline = [
          { at = 2s, run = "date -u +%s" }
          { at = 2s, run = "cat /sys/class/rtc/rtc0/since_epoch" }
          { at = 2s, run = "cat /sys/class/rtc/rtc0/date" }
          { at = 2s, run = "grep btime /proc/stat" }
          { at = 2s, run = "echo 1795311456 > /sys/class/rtc/rtc0/wakealarm" }
          { at = 2s, run = "cat /sys/class/rtc/rtc0/wakealarm" }
          { at = 3500ms, run = "cat /sys/class/rtc/rtc0/wakealarm" }
        ]
        """).commands();
    assertEquals((POWER_ON + 2) + "\n", r.get(0).stdout());
    assertEquals((POWER_ON + 2) + "\n", r.get(1).stdout());
    assertEquals("2026-11-22\n", r.get(2).stdout());
    assertEquals("btime " + POWER_ON + "\n", r.get(3).stdout());
    assertEquals(0, r.get(4).exit(), "3 s after power-on is in the future at 2 s");
    assertEquals("1795311456\n", r.get(5).stdout());
    assertEquals("", r.get(6).stdout(), "the alarm fired at 3 s and disarmed itself");
  }
}

package io.smpsim.app.nmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lpj=} (init/calibrate.c lpj_setup): the loops per jiffy every CPU takes instead of
 * calibrating. The boot CPU says "preset value", no AP times a delay loop (so none fails, as the
 * kernel's own hint suggests), and the BogoMIPS of the boot, /proc/cpuinfo and the bring-up total
 * follow the preset.
 */
class LpjPresetTest {

  @TempDir
  Path dir;

  private String boot(String cmdline) throws Exception {
    Path sc = dir.resolve("lpj.conf");
    Files.writeString(sc, String.join("\n",
        "seed = 1",
        "duration = 3s",
        "machines = [ { name = m0, cpus = 8, hz = 250, cmdline = \"" + cmdline + "\",",
        "  cpu-model = \"AMD QEMU Virtual CPU version 2.5+\", cpu-mhz = 2599.990,",
        "  emulator-host-cpus = 2, calibration-jitter = 0.3 } ]",
        "timeline = [ { at = 2500ms, run = \"grep bogomips /proc/cpuinfo\" } ]") + "\n");
    Cli.Outcome o = Cli.run("run", sc.toString());
    assertEquals(0, o.exit(), o.stderr());
    return o.stdout();
  }

  @Test
  void aPresetSkipsEveryCalibrationAndSetsTheBogoMips() throws Exception {
    String log = boot("console=ttyS0 lpj=4000000");
    // HZ=250: 4,000,000 / (500000 / 250) = 2000, and (4,000,000 / (5000 / 250)) % 100 = 0.
    assertTrue(log.contains("] Calibrating delay loop (skipped) preset value.. 2000.00 BogoMIPS"
        + " (lpj=4000000)"), log);
    assertFalse(log.contains("calibrate_delay_direct()"), "no AP calibrates: " + log);
    assertFalse(log.contains("Unknown kernel command line parameters"), log);
    assertTrue(log.contains("smpboot: Total of 8 processors activated (16000.00 BogoMIPS)"), log);
    List<String> bogomips = log.lines().filter(l -> l.startsWith("bogomips")).toList();
    assertEquals(8, bogomips.size(), log);
    assertTrue(bogomips.stream().allMatch(l -> l.endsWith(": 2000.00")), bogomips.toString());
  }

  @Test
  void withoutAPresetTheApsStillCalibrateAndTheLineIsTheTimersOne() throws Exception {
    String log = boot("console=ttyS0");
    assertTrue(log.contains("Calibrating delay loop (skipped), value calculated using timer"
        + " frequency.. 5199.98 BogoMIPS (lpj=10399960)"), log);
    assertTrue(log.contains("calibrate_delay_direct()"), "the jittery APs calibrate: " + log);
  }

  @Test
  void theValueIsReadAsSimpleStrtoulReadsIt() throws Exception {
    // Base 0: 0x for hex, a leading 0 for octal; reading stops at the first non-digit.
    assertTrue(boot("lpj=0x3d0900").contains("preset value.. 2000.00 BogoMIPS (lpj=4000000)"));
    assertTrue(boot("lpj=4000000abc").contains("(lpj=4000000)"));
    String none = boot("lpj=abc");
    assertTrue(none.contains("value calculated using timer frequency"), none);
  }
}

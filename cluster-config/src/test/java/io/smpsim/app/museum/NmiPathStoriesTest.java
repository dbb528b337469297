package io.smpsim.app.museum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The museum's runtime NMI-path stories, each both ways, looked at the way a kernel engineer
 * would: the lockup report (or its absence), and the NMI counts in /proc/interrupts.
 */
class NmiPathStoriesTest {

  private static final Path DIR = Path.of("..", "scenarios", "museum");

  private static MuseumRun run(String name) {
    return MuseumRun.run(MuseumCatalogue.load().find(name), DIR, 1);
  }

  /** The numbers of the /proc/interrupts row {@code row} ("NMI:"), per CPU. */
  static long[] row(List<String> lines, String row) {
    String line = lines.stream().filter(l -> l.strip().startsWith(row)).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + row + " row in " + lines));
    return Arrays.stream(line.strip().substring(row.length()).strip().split("\\s+"))
        .takeWhile(w -> w.matches("[0-9]+")).mapToLong(Long::parseLong).toArray();
  }

  @Test
  void anNmiCallbackKeepsTheWatchdogFromEverSeeingTheLockup() {
    MuseumRun r = run("nmi-callback-gates-watchdog");
    List<String> bug = r.withQuirk().lines();
    assertFalse(r.withQuirk().shows("LOCKUP"), String.join("\n", bug));
    long[] nmi = row(bug, "NMI:");
    // The watchdog's NMIs keep arriving on the locked CPU (250 a second through LVT0) ...
    assertTrue(nmi[1] > 2500, Arrays.toString(nmi));
    // ... and CPU 0 also took oprofile's samples.
    assertTrue(nmi[0] > nmi[2], Arrays.toString(nmi));

    List<String> fixed = r.withoutQuirk().lines();
    assertTrue(fixed.contains("[   10.000569] NMI Watchdog detected LOCKUP on CPU 1"),
        String.join("\n", fixed));
    assertTrue(fixed.stream().anyMatch(l -> l.contains("RIP: 0010:")
        && l.contains("inject_irqs_off_spin")), String.join("\n", fixed));
  }

  @Test
  void withoutTheReservationBitmapTheProfilerTakesTheWatchdogsNmisForItsOwn() {
    MuseumRun r = run("no-perfctr-reservation");
    List<String> bug = r.withQuirk().lines();
    assertFalse(r.withQuirk().shows("LOCKUP"), String.join("\n", bug));
    // The watchdog's counter kept overflowing on the locked CPU, more often than the 5 NMIs
    // (5 * nmi_hz) a lockup report needs: oprofile's notifier took each one as a sample.
    long[] nmi = row(bug, "NMI:");
    assertTrue(nmi[1] > 5, Arrays.toString(nmi));

    List<String> fixed = r.withoutQuirk().lines();
    assertTrue(fixed.contains("[   10.999820] NMI Watchdog detected LOCKUP on CPU 1"),
        String.join("\n", fixed));
    assertTrue(fixed.stream().anyMatch(l -> l.contains("RIP: 0010:")
        && l.contains("inject_irqs_off_spin")), String.join("\n", fixed));
  }

  @Test
  void aFiveGigahertzCpuWrapsThePeriodAndATwoSecondSectionIsCalledALockup() {
    MuseumRun r = run("tick-overflow-4ghz");
    List<String> bug = r.withQuirk().lines();
    // cpu_khz/nmi_hz*1000 = 5,000,000,000 wraps to 705,032,704 cycles, 0.141 s at 5 GHz: the
    // fifth NMI without a timer interrupt comes 0.85 s into the 2 s irqs-off section.
    assertTrue(bug.contains("[    3.845859] NMI Watchdog detected LOCKUP on CPU 1"),
        String.join("\n", bug));
    assertTrue(bug.stream().anyMatch(l -> l.contains("RIP: 0010:")
        && l.contains("inject_irqs_off_spin")), String.join("\n", bug));

    List<String> fixed = r.withoutQuirk().lines();
    assertFalse(r.withoutQuirk().shows("LOCKUP"), String.join("\n", fixed));
    // One NMI per second of busy time, as nmi_hz = 1 means: 2 for the 2 s section.
    assertEquals(2, row(fixed, "NMI:")[1], String.join("\n", fixed));
  }
}

package io.smpsim.app.museum;

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
}

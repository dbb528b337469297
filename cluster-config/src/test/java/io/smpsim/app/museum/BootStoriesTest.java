package io.smpsim.app.museum;

import static io.smpsim.app.museum.MuseumStories.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The boot-time stories of the museum (N25, N30, N4, N3, N28, N10) in the detail a kernel engineer
 * reads them: what the NMI watchdog's boot self-test printed, whether the watchdog is left on
 * (the sysctl, the NMI row of /proc/interrupts) and whether a lockup is then reported, with the
 * quirk and without it.
 */
class BootStoriesTest {

  /** The line after the one containing {@code command} (the command's first output line). */
  private static String outputOf(MuseumRun.Output o, String command) {
    List<String> lines = o.lines();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).endsWith("# " + command)) {
        return lines.get(i + 1).strip();
      }
    }
    throw new AssertionError("no " + command + " in\n" + String.join("\n", lines));
  }

  /** The NMI row of the last cat /proc/interrupts, one count per CPU. */
  private static long[] nmiRow(MuseumRun.Output o) {
    List<String> rows = o.lines().stream().filter(l -> l.startsWith("NMI:")).toList();
    assertFalse(rows.isEmpty(), "no NMI row");
    String[] f = rows.get(rows.size() - 1).strip().split("\\s+");
    return Arrays.stream(f, 1, f.length).takeWhile(s -> s.matches("\\d+"))
        .mapToLong(Long::parseLong).toArray();
  }

  @Test
  void idleCpusFailTheSelfTestAndTheWatchdogIsOffWithoutNmiCpuBusy() {
    MuseumRun r = run("nmi-selftest-idle-cpus");
    assertTrue(r.withQuirk().shows("Testing NMI watchdog ... CPU#1: NMI appears to be stuck!"),
        r::render);
    assertEquals("0", outputOf(r.withQuirk(), "cat /proc/sys/kernel/nmi_watchdog"));
    assertFalse(r.withQuirk().shows("LOCKUP"), r::render);
    assertTrue(r.withoutQuirk().shows("Testing NMI watchdog ... OK."), r::render);
    assertEquals("1", outputOf(r.withoutQuirk(), "cat /proc/sys/kernel/nmi_watchdog"));
    assertTrue(r.withoutQuirk().shows("NMI Watchdog detected LOCKUP on CPU 1"), r::render);
  }

  @Test
  void theEarlySelfTestCallsTheApsStuckThoughTheirNmisCountSoonAfter() {
    MuseumRun r = run("nmi-selftest-early");
    assertTrue(r.withQuirk().shows("Testing NMI watchdog ... CPU#1: NMI appears to be stuck!"),
        r::render);
    int test = indexOf(r.withQuirk(), "Testing NMI watchdog");
    int brought = indexOf(r.withQuirk(), "smp: Brought up");
    assertTrue(test < brought, "the early test runs before smp_cpus_done()");
    for (long n : nmiRow(r.withQuirk())) {
      assertTrue(n > 500, "every CPU's NMIs count by 3 s: " + Arrays.toString(
          nmiRow(r.withQuirk())));
    }
    assertTrue(indexOf(r.withoutQuirk(), "Testing NMI watchdog ... OK.")
        > indexOf(r.withoutQuirk(), "clocksource: Switched to clocksource tsc-early"),
        "the fixed test is a late_initcall");
  }

  @Test
  void theLeakedFlagHangsTheBootWithTheApsInNmiCpuBusy() {
    MuseumRun r = run("nmi-selftest-flag-leak");
    for (MuseumRun.Output o : List.of(r.withQuirk(), r.withoutQuirk())) {
      for (int cpu = 0; cpu < 4; cpu++) {
        assertTrue(o.shows("CPU#" + cpu + ": NMI appears to be stuck (0->0)!"), r::render);
      }
      assertFalse(o.shows("OK."), r::render);
    }
    assertFalse(r.withQuirk().shows("Run /init as init process"), r::render);
    assertTrue(r.withQuirk().shows("nmi_cpu_busy+0x1a/0x25"), r::render);
    assertTrue(r.withoutQuirk().shows("Run /init as init process"), r::render);
    assertFalse(r.withoutQuirk().shows("soft lockup"), r::render);
  }

  @Test
  void theBootOptionIsIgnoredOnACore2WhenCheckedBeforeIdentifyCpu() {
    MuseumRun r = run("nmi-known-cpu-early");
    assertEquals("0", outputOf(r.withQuirk(), "cat /proc/sys/kernel/nmi_watchdog"));
    assertEquals(0, Arrays.stream(nmiRow(r.withQuirk())).sum());
    assertFalse(r.withQuirk().shows("LOCKUP"), r::render);
    assertEquals("1", outputOf(r.withoutQuirk(), "cat /proc/sys/kernel/nmi_watchdog"));
    assertTrue(r.withoutQuirk().shows("NMI Watchdog detected LOCKUP on CPU 1"), r::render);
  }

  @Test
  void aModel4Pentium4GetsNoWatchdogWhileModelsUpTo3Did() {
    MuseumRun r = run("p4-model-max-3");
    assertEquals("0", outputOf(r.withQuirk(), "cat /proc/sys/kernel/nmi_watchdog"));
    assertEquals(0, Arrays.stream(nmiRow(r.withQuirk())).sum());
    assertFalse(r.withQuirk().shows("LOCKUP"), r::render);
    assertTrue(nmiRow(r.withoutQuirk())[1] > 0, r::render);
    assertTrue(r.withoutQuirk().shows("NMI Watchdog detected LOCKUP on CPU 1"), r::render);
  }

  @Test
  void onlyTheMachineWithABiosOf2004OrLaterGetsTheWatchdogByDefault() {
    MuseumRun r = run("lapic-watchdog-default-bios-2004");
    assertTrue(r.withQuirk().shows("m0: [    0.000000] DMI: smpsim Simulated SMP machine/smpsim,"
        + " BIOS 1.0 03/15/2006"), r::render);
    assertTrue(r.withQuirk().lines().stream()
        .anyMatch(l -> l.startsWith("m0: ") && l.contains("NMI Watchdog detected LOCKUP on CPU 1")),
        r::render);
    assertFalse(r.withQuirk().lines().stream()
        .anyMatch(l -> l.startsWith("m1: ") && l.contains("LOCKUP")), r::render);
    assertFalse(r.withoutQuirk().shows("NMI Watchdog detected LOCKUP"), r::render);
  }

  @Test
  void aUniprocessorRunsTheSelfTestAloneAndBoots() {
    String scenario = "seed = 1\nduration = 2s\nmachines = [ { name = m0, cpus = 1, hz = 250,"
        + " kernel = \"2.6.20\", cmdline = \"console=ttyS0 nmi_watchdog=2\","
        + " nmi-selftest = true } ]\n";
    String log = MuseumStories.console(scenario, "up.conf", true);
    assertTrue(log.contains("] Testing NMI watchdog ... OK.\n"), log);
    assertTrue(log.contains("] Run /init as init process\n"), log);
  }

  private static int indexOf(MuseumRun.Output o, String text) {
    for (int i = 0; i < o.lines().size(); i++) {
      if (o.lines().get(i).contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no " + text);
  }
}

package io.smpsim.app.museum;

import static io.smpsim.app.museum.MuseumStories.DIR;
import static io.smpsim.app.museum.MuseumStories.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The museum's runtime NMI-path stories, each both ways, looked at the way a kernel engineer
 * would: the lockup report (or its absence), the NMI counts in /proc/interrupts, and the oops a
 * probe in the NMI path ends in.
 */
class NmiPathStoriesTest {

  /** The numbers of the /proc/interrupts row {@code row} ("NMI:"), per CPU. */
  static long[] row(List<String> lines, String row) {
    String line = lines.stream().filter(l -> l.strip().startsWith(row)).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + row + " row in " + lines));
    return Arrays.stream(line.strip().substring(row.length()).strip().split("\\s+"))
        .takeWhile(w -> w.matches("[0-9]+")).mapToLong(Long::parseLong).toArray();
  }

  /** {@code lines} hold the lockup report {@code report} and the spinning thread's registers. */
  private static void assertLockupReported(List<String> lines, String report) {
    assertTrue(lines.contains(report), String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.contains("RIP: 0010:")
        && l.contains("inject_irqs_off_spin")), String.join("\n", lines));
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
    assertLockupReported(fixed, "[   10.000569] NMI Watchdog detected LOCKUP on CPU 1");
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
    assertLockupReported(fixed, "[   10.999820] NMI Watchdog detected LOCKUP on CPU 1");
  }

  @Test
  void aFiveGigahertzCpuWrapsThePeriodAndATwoSecondSectionIsCalledALockup() {
    MuseumRun r = run("tick-overflow-4ghz");
    List<String> bug = r.withQuirk().lines();
    // cpu_khz/nmi_hz*1000 = 5,000,000,000 wraps to 705,032,704 cycles, 0.141 s at 5 GHz: the
    // fifth NMI without a timer interrupt comes 0.85 s into the 2 s irqs-off section.
    assertLockupReported(bug, "[    3.845859] NMI Watchdog detected LOCKUP on CPU 1");

    List<String> fixed = r.withoutQuirk().lines();
    assertFalse(r.withoutQuirk().shows("LOCKUP"), String.join("\n", fixed));
    // One NMI per second of busy time, as nmi_hz = 1 means: 2 for the 2 s section.
    assertEquals(2, row(fixed, "NMI:")[1], String.join("\n", fixed));
  }

  @Test
  void aKprobeInTheNmiPathLetsTheNextNmiNestAndTheMachineDoubleFaults() {
    MuseumRun r = run("kprobe-early-iret");
    List<String> bug = r.withQuirk().lines();
    String all = String.join("\n", bug);
    assertTrue(bug.contains("[    5.000000] Planted kprobe at ffffffff8021a0e0"), all);
    // The first NMI after the probe is planted hits it; its pre-handler's line goes out at
    // 9600 baud (15 + 74 + 2 characters, 10 bits each: 94.79 ms) with NMIs blocked ...
    assertTrue(bug.contains("[    5.000284] pre_handler: p->addr=0xffffffff8021a0e0,"
        + " rip=ffffffff8021a0e1, eflags=0x46"), all);
    // ... then the int3's IRET: the tick NMI latched meanwhile nests at once, and the
    // post-handler (single-stepping, TF set) prints with the window open.
    assertTrue(bug.contains("[    5.095075] post_handler: p->addr=0xffffffff8021a0e0,"
        + " eflags=0x146"), all);
    // When the first NMI returns through the frame the nested one overwrote: a double fault,
    // and do_exit() from the NMI's interrupt context panics.
    int df = bug.indexOf("[    5.169034] double fault: 0000 [1] SMP ");
    assertTrue(df > 0, all);
    assertEquals("[    5.169034] Modules linked in: kprobe_example", bug.get(df + 2), all);
    assertTrue(bug.contains("[    5.169034] Kernel panic - not syncing: Aiee, killing interrupt"
        + " handler!"), all);
    assertEquals(1, bug.stream().filter(l -> l.contains("pre_handler")).count(), all);

    List<String> fixed = r.withoutQuirk().lines();
    String allFixed = String.join("\n", fixed);
    assertTrue(fixed.contains("inject: error inserting kprobe at 'nmi_watchdog_tick': -22"
        + " Invalid argument"), allFixed);
    assertTrue(fixed.contains("[    5.000000] register_kprobe failed, returned -22"), allFixed);
    assertFalse(r.withoutQuirk().shows("pre_handler"), allFixed);
    assertFalse(r.withoutQuirk().shows("Kernel panic"), allFixed);
    // The machine runs on: the watchdog's 250 NMIs a second still arrive at 7 s.
    assertTrue(row(fixed, "NMI:")[0] > 1500, allFixed);
  }

  @Test
  void withoutASerialConsoleTheProbesHandlersTakeNoTimeAndNoNmiNests() throws Exception {
    // The same machine and probe with the quirk, its console on the VGA text screen: the
    // handlers' printks return at once, the window between the int3's IRET and the NMI's own
    // is empty, and the next tick's NMI (4 ms later) finds the first one over.
    String text = Files.readString(DIR.resolve("kprobe-early-iret.conf"), StandardCharsets.UTF_8)
        .replace("console=ttyS0 ", "console=tty0 ");
    List<String> lines = MuseumStories.console(text, "kprobe-early-iret on tty0", false)
        .lines().toList();
    String all = String.join("\n", lines);
    assertFalse(all.contains("double fault"), all);
    assertFalse(all.contains("Kernel panic"), all);
    // Every one of the 250 NMIs a second from 5 s to 7 s ran both handlers ...
    long pre = lines.stream().filter(l -> l.contains("] pre_handler: p->addr=")
        && l.compareTo("[    7.000000]") < 0).count();
    assertEquals(500, pre, all);
    // ... and took no longer than without the probe: the NMI count is the fixed kernel's.
    long[] fixed = row(run("kprobe-early-iret").withoutQuirk().lines(), "NMI:");
    assertEquals(fixed[0], row(lines, "NMI:")[0], all);
  }
}

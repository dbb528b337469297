package io.smpsim.app.stat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.run.ScenarioRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The periodic tick of idle CPUs (a machine without NO_HZ idle, whose idle CPUs tick at HZ for
 * ever): every jiffy is a local timer interrupt in /proc/interrupts, though the simulation
 * does not spend an interrupt's events on each (the tick coasts and is taken when the CPU next
 * runs).
 */
class IdleTickTest {

  @TempDir
  Path dir;

  @Test
  void idleCpusWithoutNoHzCountOneLocalTimerInterruptPerJiffy() throws IOException {
    ScenarioRun run = ScenarioRun.alone(dir, "periodic.conf", """
        seed = 3
        duration = 10s
        machines = [ { name = m0, cpus = 4, hz = 250, dynticks = false, cmdline = "console=ttyS0" } ]
        timeline = [
          { at = 5s, run = "cat /proc/interrupts" }
          { at = 9s, run = "cat /proc/interrupts" }
        ]
        """);
    List<long[]> loc = new ArrayList<>();
    for (var c : run.commands()) {
      assertEquals(0, c.exit(), c.stderr());
      loc.add(row(c.stdout(), "LOC:"));
    }
    assertEquals(2, loc.size());
    long total = 0;
    for (int cpu = 0; cpu < 4; cpu++) {
      long delta = loc.get(1)[cpu] - loc.get(0)[cpu];
      // kernel/time/tick-common.c tick_periodic(): one interrupt per jiffy, 4 s at HZ=250; an
      // hrtimer between two jiffies (the watchdog's, every 4 s) takes one more.
      assertTrue(delta >= 1000 && delta <= 1002, "CPU" + cpu + " took " + delta
          + " local timer interrupts in 4 s");
      total += loc.get(1)[cpu];
    }
    // An interrupt costs the engine at least three events (APIC timer write, expiry,
    // delivery); idle CPUs' ticks take none of their own.
    assertTrue(run.events() < total, run.events() + " events for " + total + " ticks");
  }

  private static long[] row(String text, String label) {
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (t.startsWith(label)) {
        String[] f = t.substring(label.length()).strip().split("\\s+");
        long[] v = new long[4];
        for (int i = 0; i < 4; i++) {
          v[i] = Long.parseLong(f[i]);
        }
        return v;
      }
    }
    throw new AssertionError("no " + label + " row in\n" + text);
  }
}

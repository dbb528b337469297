package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AP bring-up on a CPU without constant_tsc (QEMU's qemu64 under TCG): each AP runs
 * calibrate_delay_direct() (init/calibrate.c), and whatever it prints is a record of its own
 * that ends the boot CPU's {@code .... node  #0, CPUs:} continuation line, so the next
 * {@code #N} starts a new line (kernel/printk/printk.c cont handling), as the recordings show.
 */
class ApBringUpScenarioTest {

  @TempDir
  Path dir;

  private String boot(int cpus, String extra) throws IOException {
    Path conf = dir.resolve("m" + cpus + extra.hashCode() + ".conf");
    Files.writeString(conf, "seed = 7\nduration = 2s\nmachines = [ { name = m0, cpus = " + cpus
        + ", cmdline = \"console=ttyS0\", cpu-model = \"AMD QEMU Virtual CPU version 2.5+\""
        + extra + " } ]\n");
    Cli.Outcome o = Cli.run("run", "-q", conf.toString());
    assertEquals(0, o.exit(), o.stderr());
    return o.stdout();
  }

  private static List<String> texts(String log) {
    List<String> out = new ArrayList<>();
    for (String l : log.split("\n")) {
      out.add(l.replaceFirst("^\\[\\s*\\d+\\.\\d{6}\\] ", ""));
    }
    return out;
  }

  @Test
  void calibrationLinesOfAnApBreakTheNodeLineAndTheNextCpuStartsANewOne() throws IOException {
    List<String> l = texts(boot(8, ""));
    int node = l.indexOf("x86: Booting SMP configuration:") + 1;
    int up = l.indexOf("smp: Brought up 1 node, 8 CPUs");
    assertTrue(node > 0 && up > node, l.toString());
    // The first AP calibrates while only two vCPUs run on the two host CPUs: it agrees at once,
    // so #2 joins its line; from then on the loops scatter and each AP prints.
    assertEquals(".... node  #0, CPUs:      #1 #2", l.get(node));
    int cpusSeen = 2;
    for (int i = node + 1; i < up; i++) {
      String s = l.get(i);
      if (s.startsWith(" #")) {
        cpusSeen++;
        assertEquals(" #" + cpusSeen, s);
        assertTrue(l.get(i - 1).startsWith("calibrate_delay_direct() ")
            || l.get(i - 1).startsWith("Probably due to long platform interrupts."),
            "a new #N line follows an AP's own record: " + l.get(i - 1));
      } else {
        assertTrue(s.startsWith("calibrate_delay_direct() dropping ")
            || s.equals("calibrate_delay_direct() failed to get a good estimate for"
                + " loops_per_jiffy.")
            || s.equals("Probably due to long platform interrupts. Consider using \"lpj=\""
                + " boot option."), s);
      }
    }
    assertEquals(7, cpusSeen);
    assertTrue(l.contains("tsc: Marking TSC unstable due to TSCs unsynchronized"));
    assertTrue(l.contains("clocksource: Switched to clocksource hpet"));
    assertFalse(l.contains("Switched APIC routing to physical flat."));
  }

  @Test
  void withoutContentionTheApsAgreeSilentlyAndShareOneLine() throws IOException {
    List<String> l = texts(boot(4, ", emulator-host-cpus = 8"));
    assertTrue(l.contains(".... node  #0, CPUs:      #1 #2 #3"), l.toString());
    assertTrue(l.stream().noneMatch(s -> s.startsWith("calibrate_delay_direct()")));
  }

  @Test
  void nineCpusSwitchToPhysicalFlatRouting() throws IOException {
    List<String> l = texts(boot(9, ", invariant-tsc = true"));
    int apic = l.indexOf("APIC: Switch to symmetric I/O mode setup");
    assertEquals("Switched APIC routing to physical flat.", l.get(apic + 1));
    assertTrue(l.contains("NR_IRQS: 524544, nr_irqs: 496, preallocated irqs: 16"));
    // With an invariant TSC the APs take calibrate_delay_is_known()'s value and print nothing.
    assertTrue(l.contains(".... node  #0, CPUs:      #1 #2 #3 #4 #5 #6 #7 #8"), l.toString());
    assertFalse(l.contains("tsc: Marking TSC unstable due to TSCs unsynchronized"));
  }
}

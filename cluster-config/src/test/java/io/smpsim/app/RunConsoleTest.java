package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smpsim run} as a console: the timeline's commands show with their output among the
 * kernel's lines ({@code --quiet}: the kernel log alone), and a command that does not exit as its
 * entry expects ({@code expect = fail}, {@code expect = N}) makes the run exit 4 with a summary.
 */
class RunConsoleTest {

  private static Path scenario(Path dir, String timeline) throws Exception {
    Path sc = dir.resolve("console.conf");
    Files.writeString(sc, "seed = 1\nduration = 3s\nmachines = [ { name = m0, cpus = 2,"
        + " hz = 250 } ]\ntimeline = [\n" + timeline + "]\n");
    return sc;
  }

  @Test
  void theTimelinesCommandsShowWithTheirOutputAmongTheKernelsLines(@TempDir Path dir)
      throws Exception {
    Path sc = scenario(dir, ""
        + "  { at = 2s, run = \"cat /sys/devices/system/cpu/online\" }\n"
        + "  { at = 2s, run = \"echo l > /proc/sysrq-trigger\" }\n"
        + "  { at = 2500ms, run = \"cat /nope\", expect = fail }\n");
    Cli.Outcome o = Cli.run("run", sc.toString());
    assertEquals(0, o.exit(), o.stderr());
    String out = o.stdout();
    int cat = out.indexOf("\nm0# cat /sys/devices/system/cpu/online\n0-1\n[    2.000000] sysrq:"
        + " Show backtrace of all active CPUs\n");
    assertTrue(cat > 0, out);
    assertTrue(out.indexOf("] Run /init as init process\n") < cat, "after the boot log: " + out);
    assertTrue(out.endsWith("skipped: idling at native_safe_halt+0xb/0x10\n"
        + "m0# echo l > /proc/sysrq-trigger\n"
        + "m0# cat /nope\ncat: can't open '/nope': No such file or directory\n"), out);
    assertEquals("", o.stderr(), "an expected failure is no news");

    Cli.Outcome quiet = Cli.run("run", sc.toString(), "--quiet");
    assertEquals(0, quiet.exit(), quiet.stderr());
    assertFalse(quiet.stdout().contains("m0#"), quiet.stdout());
    assertEquals(out.lines().filter(l -> l.startsWith("[")).toList(),
        quiet.stdout().lines().toList(), "--quiet: the kernel log alone, the same lines");
  }

  @Test
  void aCommandThatDoesNotExitAsExpectedEndsTheRunWithExit4AndASummary(@TempDir Path dir)
      throws Exception {
    Path sc = scenario(dir, ""
        + "  { at = 2s, run = \"cat /nope\" }\n"
        + "  { at = 2s, run = \"nproc\", expect = fail }\n"
        + "  { at = 2s, run = \"frobnicate\", expect = 127 }\n"
        + "  { at = 2s, run = \"grep [ /proc/cpuinfo\", expect = 1 }\n");
    Path out = dir.resolve("out");
    Cli.Outcome o = Cli.run("run", sc.toString(), "--quiet", "--out", out.toString());
    HostileInput.assertNoJavaText(o.stdout() + o.stderr());
    assertEquals(4, o.exit(), o.stderr());
    String summary = o.stderr().substring(o.stderr().indexOf("smpsim: 3 timeline commands"));
    assertEquals("smpsim: 3 timeline commands did not exit as expected (mark a deliberate error"
        + " with expect = fail, or expect = N for its status):\n"
        + "  " + sc + ":5 m0 'cat /nope' exited 1, expected 0: cat: can't open '/nope': No such"
        + " file or directory\n"
        + "  " + sc + ":6 m0 'nproc' exited 0, expected a failure\n"
        + "  " + sc + ":8 m0 'grep [ /proc/cpuinfo' exited 2, expected 1: grep: bad regex '['\n", summary);
    var json = Cli.summary(out);
    assertEquals(3, json.get("unexpected").size(), json.toString());
  }

  @Test
  void anExpectationThatIsNotOneIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
    Path sc = scenario(dir, "  { at = 2s, run = \"nproc\", expect = maybe }\n");
    Cli.Outcome o = Cli.run("run", sc.toString());
    assertEquals(2, o.exit(), o.stderr());
    assertTrue(o.stderr().startsWith("smpsim: " + sc + ":5: timeline[0].expect: expected ok,"
        + " fail or an exit status (0..255), got 'maybe'"), o.stderr());
    o = Cli.run("run", scenario(dir, "  { at = 2s, run = \"nproc\", expect = 256 }\n")
        .toString());
    assertEquals(2, o.exit(), o.stderr());
    assertTrue(o.stderr().contains("timeline[0].expect: must be between 0 and 255, got 256"),
        o.stderr());
  }
}

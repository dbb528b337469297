package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.sim.testing.SerializationErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smpsim shell --batch [--json]}: commands run in order at the current simulated time; the
 * console shows the kernel's messages and the timeline's commands as they come, a machine that
 * cannot answer says why, and the exit status is the last failing command's.
 */
class ShellBatchTest {

  private static final String BOOT = GoldenLog.repoRoot().resolve("scenarios/boot.conf")
      .toString();

  @Test
  void runsCommandsInOrderAndReportsEachAsJson() throws Exception {
    String script = String.join("\n",
        "# a comment, then a blank line",
        "",
        "cat /sys/devices/system/cpu/online",
        "grep -c ^processor /proc/cpuinfo",
        "advance 2s",
        "nproc",
        "cat /sys/devices/system/cpu/cpu3/online",
        "cat /sys/devices/system/cpu/cpu0/online",
        "frobnicate --now",
        "on m7",
        "dmesg",
        "cat /proc/cmdline") + "\n";
    Cli.Outcome o = Cli.runWithInput(script, "shell", BOOT, "--batch", "--json");
    SerializationErrors.assertNone();
    List<JsonNode> r = results(o);
    assertEquals(10, r.size(), o.stdout());
    assertEquals(1, o.exit(), "the status of the last command that failed (on m7), though the"
        + " two after it succeeded: " + o.stderr());
    assertResult(r.get(0), "cat /sys/devices/system/cpu/online", 0, "0-7\n", "");
    assertResult(r.get(1), "grep -c ^processor /proc/cpuinfo", 0, "8\n", "");
    assertResult(r.get(2), "advance 2s", 0, "", "");
    assertEquals(r.get(1).get("timeNs").asLong() + 2_000_000_000L, r.get(2).get("timeNs").asLong(),
        "advance moves the clock by exactly its argument");
    assertResult(r.get(3), "nproc", 0, "8\n", "");
    assertResult(r.get(4), "cat /sys/devices/system/cpu/cpu3/online", 0, "1\n", "");
    assertResult(r.get(5), "cat /sys/devices/system/cpu/cpu0/online", 1, "",
        "cat: can't open '/sys/devices/system/cpu/cpu0/online': No such file or directory\n");
    assertResult(r.get(6), "frobnicate --now", 127, "", "sh: frobnicate: not found\n");
    assertResult(r.get(7), "on m7", 1, "", "on: no machine named 'm7'\n");
    assertTrue(r.get(8).get("stdout").asText().contains("] smp: Brought up 1 node, 8 CPUs\n"));
    assertResult(r.get(9), "cat /proc/cmdline", 0, "console=ttyS0 watchdog_thresh=10\n", "");
    for (int i = 1; i < r.size(); i++) {
      assertTrue(r.get(i).get("timeNs").asLong() >= r.get(i - 1).get("timeNs").asLong(),
          "time never goes back");
    }
  }

  @Test
  void withoutJsonPrintsWhatATerminalWouldShow() {
    Cli.Outcome o = Cli.runWithInput("nproc\ncat /nope\n", "shell", BOOT, "--batch");
    assertEquals(1, o.exit(), "cat's status: " + o.stderr());
    assertEquals("8\n", o.stdout());
    assertTrue(o.stderr().contains("cat: can't open '/nope': No such file or directory\n"),
        o.stderr());
  }

  @Test
  void helpListsTheSessionsCommandsAndEveryCommandTheMachineRuns() {
    Cli.Outcome o = Cli.runWithInput("help\n", "shell", BOOT, "--batch");
    assertEquals(0, o.exit(), o.stderr());
    for (String c : new String[] {"advance D", "cat", "cd", "kill", "sleep", "sort", "tc",
        "uptime"}) {
      assertTrue(java.util.regex.Pattern.compile("(^|\\s)" + java.util.regex.Pattern.quote(c)
          + "(\\s|$)", java.util.regex.Pattern.MULTILINE).matcher(o.stdout()).find(),
          c + " in: " + o.stdout());
    }
    assertTrue(!o.stdout().contains("@"), "no internal helper is listed: " + o.stdout());
  }

  @Test
  void aScriptWhoseCommandsAllSucceedExitsZero() {
    Cli.Outcome o = Cli.runWithInput("cat /nope\nnproc\n", "shell", BOOT, "--batch");
    assertEquals(1, o.exit(), "a failure is not forgotten by the commands after it");
    o = Cli.runWithInput("nproc\nadvance 1s\ncat /proc/cmdline\n", "shell", BOOT, "--batch");
    assertEquals(0, o.exit(), o.stderr());
  }

  @Test
  void kernelMessagesShowAsTheyArePrintedBetweenTheCommandsOutputs() {
    Cli.Outcome o = Cli.runWithInput("nproc\necho l > /proc/sysrq-trigger\nnproc\n", "shell",
        BOOT, "--batch");
    assertEquals(0, o.exit(), o.stderr());
    String[] lines = o.stdout().split("\n");
    assertEquals("8", lines[0], o.stdout());
    assertTrue(lines[1].matches("\\[ *\\d+\\.\\d{6}\\] sysrq: Show backtrace of all active CPUs"),
        o.stdout());
    assertTrue(o.stdout().contains("] NMI backtrace for cpu 7 skipped: idling at"
        + " native_safe_halt+0xb/0x10\n8\n"), "the backtrace, then the second nproc: "
        + o.stdout());
    assertFalse(o.stdout().contains("smp: Brought up"), "the boot log is for dmesg: "
        + o.stdout());
  }

  @Test
  void theScenariosTimelineShowsAsTypedAtTheMachinesConsole(@TempDir Path dir)
      throws Exception {
    Path sc = dir.resolve("timeline.conf");
    Files.writeString(sc, "seed = 1\nduration = 10s\nmachines = [ { name = a, cpus = 2 },"
        + " { name = b, cpus = 2 } ]\ntimeline = [\n"
        + "  { at = 3s, on = b, run = \"cat /sys/devices/system/cpu/online\" }\n"
        + "  { at = 3s, on = b, run = \"echo l > /proc/sysrq-trigger\" }\n]\n");
    Cli.Outcome o = Cli.runWithInput("advance 4s\nnproc\n", "shell", sc.toString(), "--batch");
    assertEquals(0, o.exit(), o.stderr());
    // What the kernels print after boot reaches the console, each line naming its machine
    // (the TSC clocksource's refinement, a second after the device initcalls). A timeline
    // command shows with its output when it is done: the backtrace it printed comes first.
    assertTrue(o.stdout().startsWith("a: [    1.877011] tsc: Refined TSC clocksource"
        + " calibration: 2999.998 MHz\n"), o.stdout());
    assertTrue(o.stdout().contains("\nb# cat /sys/devices/system/cpu/online\n0-1\n"
        + "b: [    3.000000] sysrq: Show backtrace of all active CPUs\n"),
        "several machines: each kernel line names its machine: " + o.stdout());
    assertTrue(o.stdout().endsWith("skipped: idling at native_safe_halt+0xb/0x10\n"
        + "b# echo l > /proc/sysrq-trigger\n2\n"), o.stdout());
  }

  @Test
  void advanceTakesADurationThatEndsWithinWhatSmpsimSimulates() throws Exception {
    Cli.Outcome o = Cli.runWithInput(String.join("\n", "advance 1000000h",
        "advance 9223372036854775807ns", "advance 10000000h", "advance -1s", "advance",
        "advance 5", "advance 1.5ms", "nproc") + "\n", "shell", BOOT, "--batch", "--json");
    HostileInput.assertNoJavaText(o.stdout() + o.stderr());
    List<JsonNode> r = results(o);
    long booted = r.get(0).get("timeNs").asLong();
    assertResult(r.get(0), "advance 1000000h", 1, "", "advance: out of range: 1000000h from "
        + String.format(java.util.Locale.ROOT, "%.3f", booted / 1e9) + " s goes past 1000000h"
        + " (about 114 years), the most smpsim simulates\n");
    assertResult(r.get(1), "advance 9223372036854775807ns", 1, "", "advance: out of range:"
        + " 9223372036854775807ns is longer than 1000000h (about 114 years), the most smpsim"
        + " simulates\n");
    assertResult(r.get(2), "advance 10000000h", 1, "", "advance: out of range: 10000000h is"
        + " longer than 1000000h (about 114 years), the most smpsim simulates\n");
    assertResult(r.get(3), "advance -1s", 1, "", "advance: must not be negative: -1s\n");
    assertResult(r.get(4), "advance", 1, "", "advance: expected a duration with a unit such as"
        + " 10s or 5ms, got \"\"\n");
    assertResult(r.get(5), "advance 5", 1, "", "advance: expected a duration with a unit such as"
        + " 10s or 5ms, got \"5\"\n");
    for (int i = 1; i < 6; i++) {
      assertEquals(booted, r.get(i).get("timeNs").asLong(), "a refused advance moves nothing");
    }
    assertResult(r.get(6), "advance 1.5ms", 0, "", "");
    assertEquals(booted + 1_500_000L, r.get(6).get("timeNs").asLong());
    assertResult(r.get(7), "nproc", 0, "8\n", "");
  }

  @Test
  void aSuspendedMachineSaysWhyAtOnceAndAnswersOnceWoken() throws Exception {
    Cli.Outcome o = Cli.runWithInput(String.join("\n", "echo mem > /sys/power/state", "nproc",
        "inject wakeup", "advance 100ms", "nproc") + "\n", "shell", BOOT, "--batch", "--json");
    HostileInput.assertNoJavaText(o.stdout() + o.stderr());
    List<JsonNode> r = results(o);
    assertEquals(124, r.get(0).get("exit").asInt(), r.get(0).toString());
    String why = r.get(0).get("stderr").asText();
    assertTrue(why.matches("smpsim: m0 is suspended \\(deep\\) since \\d+\\.\\d{3} s; inject"
        + " wakeup, or advance past its wake alarm\n"), why);
    assertTrue(r.get(0).get("console").toString().contains("] PM: suspend entry (deep)"),
        r.get(0).toString());
    long asleep = r.get(0).get("timeNs").asLong();
    assertResult(r.get(1), "nproc", 124, "", why);
    assertEquals(asleep, r.get(1).get("timeNs").asLong(), "nothing waited for");
    assertResult(r.get(2), "inject wakeup", 0, "", "");
    assertResult(r.get(3), "advance 100ms", 0, "", "");
    String console = r.get(3).get("console").toString();
    assertTrue(console.contains("] PM: suspend exit\""), console);
    assertTrue(console.contains("\"[m0 answered 'echo mem > /sys/power/state' at "),
        "the write returns once the machine resumed, as in Linux: " + console);
    assertResult(r.get(4), "nproc", 0, "8\n", "");
    assertEquals(124, o.exit());
  }

  @Test
  void aPanickedMachineSaysWhyAndIsNotWaitedFor() throws Exception {
    Cli.Outcome o = Cli.runWithInput("echo c > /proc/sysrq-trigger\nnproc\n", "shell", BOOT,
        "--batch", "--json", "--command-timeout", "1000h");
    HostileInput.assertNoJavaText(o.stdout() + o.stderr());
    List<JsonNode> r = results(o);
    String why = r.get(0).get("stderr").asText();
    assertEquals(124, r.get(0).get("exit").asInt(), r.get(0).toString());
    assertTrue(why.matches("smpsim: m0 panicked at \\d+\\.\\d{3} s \\(sysrq triggered crash\\);"
        + " it runs no command any more\n"), why);
    assertResult(r.get(1), "nproc", 124, "", why);
    assertTrue(r.get(1).get("timeNs").asLong() < 10_000_000_000L,
        "no hour of simulated time spent waiting: " + r.get(1));
    assertEquals(124, o.exit());
  }

  static List<JsonNode> results(Cli.Outcome o) throws Exception {
    List<JsonNode> r = new ArrayList<>();
    for (String line : o.stdout().split("\n")) {
      r.add(new ObjectMapper().readTree(line));
    }
    return r;
  }

  /** What {@code shell --batch} exits with: the status of the last command that failed. */
  static int lastFailure(List<JsonNode> results) {
    int status = 0;
    for (JsonNode r : results) {
      if (r.get("exit").asInt() != 0) {
        status = r.get("exit").asInt();
      }
    }
    return status;
  }

  private static void assertResult(JsonNode r, String cmd, int exit, String stdout,
      String stderr) {
    assertEquals(cmd, r.get("cmd").asText());
    assertEquals(exit, r.get("exit").asInt(), r.toString());
    assertEquals(stdout, r.get("stdout").asText(), r.toString());
    assertEquals(stderr, r.get("stderr").asText(), r.toString());
  }
}

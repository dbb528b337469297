package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.sim.testing.SerializationErrors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code smpsim shell --batch [--json]}: commands run in order at the current simulated time. */
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
    assertEquals(0, o.exit(), o.stderr());
    List<JsonNode> r = new ArrayList<>();
    for (String line : o.stdout().split("\n")) {
      r.add(new ObjectMapper().readTree(line));
    }
    assertEquals(10, r.size(), o.stdout());
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
    assertEquals(0, o.exit());
    assertEquals("8\n", o.stdout());
    assertTrue(o.stderr().contains("cat: can't open '/nope': No such file or directory\n"),
        o.stderr());
  }

  private static void assertResult(JsonNode r, String cmd, int exit, String stdout,
      String stderr) {
    assertEquals(cmd, r.get("cmd").asText());
    assertEquals(exit, r.get("exit").asInt(), r.toString());
    assertEquals(stdout, r.get("stdout").asText(), r.toString());
    assertEquals(stderr, r.get("stderr").asText(), r.toString());
  }
}

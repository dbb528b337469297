package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile commands at the shell of a booted machine (issue 15, kernel side): each fails alone
 * with the error busybox or Linux prints, changes nothing (the state is read back after it),
 * and never shows Java exception text.
 */
class BadShellCommandTest {

  private static final String BOOT = GoldenLog.repoRoot().resolve("scenarios/boot.conf")
      .toString();

  /** Runs {@code lines} in one shell, one JSON result per command. */
  private static List<JsonNode> run(String... lines) throws Exception {
    Cli.Outcome o = Cli.runWithInput(String.join("\n", lines) + "\n", "shell", BOOT, "--batch",
        "--json");
    HostileInput.assertNoJavaText(o.stdout() + o.stderr());
    assertEquals(0, o.exit(), o.stderr());
    List<JsonNode> r = new ArrayList<>();
    for (String line : o.stdout().split("\n")) {
      r.add(new ObjectMapper().readTree(line));
    }
    assertEquals(lines.length, r.size(), o.stdout());
    return r;
  }

  private static void assertResult(JsonNode r, int exit, String stdout, String stderr) {
    assertEquals(exit, r.get("exit").asInt(), r.toString());
    assertEquals(stdout, r.get("stdout").asText(), r.toString());
    assertEquals(stderr, r.get("stderr").asText(), r.toString());
  }

  @Test
  void aCpuNumberPastAnyIntIsAMissingFileNotAParseError() throws Exception {
    String huge = "/sys/devices/system/cpu/cpu99999999999999999999";
    List<JsonNode> r = run(
        "cat " + huge + "/online",
        "echo 0 > " + huge + "/online",
        "cat /sys/devices/system/cpu/cpu01/online",
        "cat " + huge + "/hotplug/state",
        "echo 99999999999999999999 > /proc/sys/kernel/watchdog_cpumask",
        "cat /sys/devices/system/cpu/online",
        "cat /proc/sys/kernel/watchdog_cpumask");
    assertResult(r.get(0), 1, "", "cat: can't open '" + huge
        + "/online': No such file or directory\n");
    assertResult(r.get(1), 1, "", "sh: can't create " + huge
        + "/online: nonexistent directory\n");
    assertResult(r.get(2), 1, "", "cat: can't open '/sys/devices/system/cpu/cpu01/online':"
        + " No such file or directory\n");
    assertResult(r.get(3), 1, "", "cat: can't open '" + huge
        + "/hotplug/state': No such file or directory\n");
    assertEquals(1, r.get(4).get("exit").asInt(), r.get(4).toString());
    assertResult(r.get(5), 0, "0-7\n", "");
    assertResult(r.get(6), 0, "0-7\n", "");
  }
}

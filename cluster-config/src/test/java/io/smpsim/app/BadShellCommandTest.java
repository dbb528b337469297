package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    List<JsonNode> r = ShellBatchTest.results(o);
    assertEquals(lines.length, r.size(), o.stdout());
    assertEquals(ShellBatchTest.lastFailure(r), o.exit(), o.stderr());
    return r;
  }

  private static void assertResult(JsonNode r, int exit, String stdout, String stderr,
      String why) {
    assertEquals(exit, r.get("exit").asInt(), why + ": " + r);
    assertEquals(stdout, r.get("stdout").asText(), why + ": " + r);
    assertEquals(stderr, r.get("stderr").asText(), why + ": " + r);
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

  @Test
  void echoNWritesNothingAndTheValueStays() throws Exception {
    List<JsonNode> r = run(
        "echo -n > /proc/sys/kernel/watchdog_thresh",
        "cat /proc/sys/kernel/watchdog_thresh",
        "echo -n > /proc/cpuinfo");
    assertResult(r.get(0), 0, "", "");
    assertResult(r.get(1), 0, "10\n", "");
    assertEquals(1, r.get(2).get("exit").asInt(), r.get(2).toString());
  }

  @Test
  void grepWithABadRegexIsBusyboxsBadRegexExit2() throws Exception {
    List<JsonNode> r = run(
        "grep [ /proc/cpuinfo",
        "grep -E ( /proc/cpuinfo",
        "grep -c ^processor /proc/cpuinfo");
    assertResult(r.get(0), 2, "", "grep: bad regex '[': Unmatched [, [^, [:, [., or [=\n");
    assertResult(r.get(1), 2, "", "grep: bad regex '(': Unmatched ( or \\(\n");
    assertResult(r.get(2), 0, "8\n", "");
  }

  @Test
  void shellOperatorsSmpsimDoesNotRunAreRefusedNotPassedOnAsWords() throws Exception {
    String refused = "' is not supported: smpsim's shell runs one command (or a pipeline into"
        + " grep/head) a line\n";
    List<JsonNode> r = run(
        "echo 1 > /proc/sys/kernel/watchdog_thresh; echo 0 > /proc/sys/kernel/watchdog",
        "cat /proc/sys/kernel/watchdog_thresh",
        "false || echo 5 > /proc/sys/kernel/watchdog_thresh",
        "nproc && nproc",
        "cat < /proc/cmdline",
        "echo `nproc`",
        "echo $(nproc)",
        "nproc &",
        "echo 'a;b' \"c&&d\" e\\;f",
        "cat /proc/sys/kernel/watchdog_thresh",
        "while :; do :; done &",
        "for i in 1 2; do echo $i; done");
    assertResult(r.get(0), 2, "", "sh: ';" + refused);
    assertResult(r.get(1), 0, "10\n", "", "nothing of the refused line ran");
    assertResult(r.get(2), 2, "", "sh: '||" + refused);
    assertResult(r.get(3), 2, "", "sh: '&&" + refused);
    assertResult(r.get(4), 2, "", "sh: '<" + refused);
    assertResult(r.get(5), 2, "", "sh: '`" + refused);
    assertResult(r.get(6), 2, "", "sh: '$(" + refused);
    assertResult(r.get(7), 2, "", "sh: '&" + refused);
    assertResult(r.get(8), 0, "a;b c&&d e;f\n", "", "quoted or escaped, they are text");
    assertResult(r.get(9), 0, "10\n", "");
    // A compound command's own ';' and '&' belong to it: the background busy loop runs, and a
    // compound command smpsim has no loop for is not found.
    assertEquals(0, r.get(10).get("exit").asInt(), r.get(10).toString());
    assertEquals(127, r.get(11).get("exit").asInt(), r.get(11).toString());
  }

  @Test
  void dmesgCPrintsTheBufferThenClearsIt() throws Exception {
    List<JsonNode> r = run("dmesg -c", "dmesg", "dmesg -x");
    assertEquals(0, r.get(0).get("exit").asInt());
    assertTrue(r.get(0).get("stdout").asText().contains("] smp: Brought up 1 node, 8 CPUs\n"));
    assertResult(r.get(1), 0, "", "");
    assertResult(r.get(2), 1, "", "dmesg: invalid option -- 'x'\n");
  }

  @Test
  void aNegativeWakealarmDisablesTheAlarm() throws Exception {
    List<JsonNode> r = run(
        "echo +100 > /sys/class/rtc/rtc0/wakealarm",
        "echo -5 > /sys/class/rtc/rtc0/wakealarm",
        "cat /sys/class/rtc/rtc0/wakealarm",
        "echo +100 > /sys/class/rtc/rtc0/wakealarm");
    assertResult(r.get(0), 0, "", "");
    assertResult(r.get(1), 0, "", "");
    // wakealarm_show(): nothing when no alarm is set; and a relative alarm is no longer EBUSY.
    assertResult(r.get(2), 0, "", "");
    assertResult(r.get(3), 0, "", "");
  }

  @Test
  void wakealarmStoresFollowTheRtcCoreAndTheCmosDriversOneDayLimit() throws Exception {
    String wa = "/sys/class/rtc/rtc0/wakealarm";
    List<JsonNode> r = run(
        "echo +0 > " + wa,
        "echo +86400 > " + wa,
        "dmesg | grep rtc_cmos",
        "echo +=5 > " + wa,
        "echo +0x10 > " + wa,
        "echo 4000000000 > " + wa,
        "echo +=5 > " + wa,
        "echo 99999999999999999999 > " + wa,
        "echo 0 > " + wa,
        "cat " + wa);
    // drivers/rtc/sysfs.c wakealarm_store(): a time that is not in the future disables the
    // alarm and the write succeeds.
    assertResult(r.get(0), 0, "", "");
    // rtc-cmos.c cmos_validate_alarm(): no day-of-month alarm register, so at most one day.
    assertResult(r.get(1), 1, "", "sh: write error: Invalid argument\n");
    assertTrue(r.get(2).get("stdout").asText()
        .endsWith("] rtc_cmos 00:05: Alarms can be up to one day in the future\n"), r.get(2)
        .toString());
    // "+=" pushes an armed alarm: with none armed it is EINVAL.
    assertResult(r.get(3), 1, "", "sh: write error: Invalid argument\n");
    // kstrtos64(, 0): hexadecimal is a number.
    assertResult(r.get(4), 0, "", "");
    // An absolute time does not clobber the armed alarm either; "+=" may move it.
    assertResult(r.get(5), 1, "", "sh: write error: Device or resource busy\n");
    assertResult(r.get(6), 0, "", "");
    assertResult(r.get(7), 1, "", "sh: write error: Numerical result out of range\n");
    assertResult(r.get(8), 0, "", "");
    assertResult(r.get(9), 0, "", "");
  }

  @Test
  void rtc0sAttributesNameTheCmosDeviceAndOnlyMaxUserFreqIsWritable() throws Exception {
    String rtc = "/sys/class/rtc/rtc0/";
    List<JsonNode> r = run(
        "cat " + rtc + "name",
        "cat " + rtc + "hctosys",
        "cat " + rtc + "max_user_freq",
        "echo 0 > " + rtc + "max_user_freq",
        "echo 4096 > " + rtc + "max_user_freq",
        "echo 128 > " + rtc + "max_user_freq",
        "cat " + rtc + "max_user_freq",
        "echo 1 > " + rtc + "since_epoch",
        "cat " + rtc + "date");
    // drivers/rtc/sysfs.c name_show(): the parent's driver and device.
    assertResult(r.get(0), 0, "rtc_cmos 00:05\n", "");
    assertResult(r.get(1), 0, "1\n", "");
    assertResult(r.get(2), 0, "64\n", "");
    assertResult(r.get(3), 1, "", "sh: write error: Invalid argument\n");
    assertResult(r.get(4), 1, "", "sh: write error: Invalid argument\n");
    assertResult(r.get(5), 0, "", "");
    assertResult(r.get(6), 0, "128\n", "");
    assertResult(r.get(7), 1, "", "sh: can't create " + rtc
        + "since_epoch: Permission denied\n");
    assertTrue(r.get(8).get("stdout").asText().matches("\\d{4}-\\d\\d-\\d\\d\n"),
        r.get(8).toString());
  }

  @Test
  void suspendStatsListsItsThirteenReadOnlyFiles() throws Exception {
    List<JsonNode> r = run("ls -l /sys/power/suspend_stats");
    List<String> lines = List.of(r.get(0).get("stdout").asText().split("\n"));
    // kernel/power/main.c suspend_attrs[], all 0444.
    assertEquals(14, lines.size(), lines.toString());
    assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("-r--r--r--")), lines.toString());
    assertTrue(lines.get(13).endsWith(" success"), lines.toString());
  }

  @Test
  void anUnknownSysrqKeyPrintsTheHelpLineAndAnEmptyWriteNothing() throws Exception {
    List<JsonNode> r = run(
        "dmesg -c",
        "echo x > /proc/sysrq-trigger",
        "printf '' > /proc/sysrq-trigger",
        "advance 10ms",
        "dmesg",
        "cat /sys/devices/system/cpu/online");
    assertResult(r.get(1), 0, "", "");
    assertResult(r.get(2), 0, "", "");
    // drivers/tty/sysrq.c __handle_sysrq(): pr_info("HELP : "), then "%s " per op.
    String dmesg = r.get(4).get("stdout").asText();
    assertTrue(dmesg.matches("\\[ *\\d+\\.\\d{6}\\] sysrq: HELP :"
        + " crash\\(c\\) show-backtrace-all-active-cpus\\(l\\) \n"), dmesg);
    assertResult(r.get(5), 0, "0-7\n", "");
  }

  @Test
  void aNegativeWatchdogThreshIsKeptAndAnOverlongCommandLineIsCut(@TempDir Path dir)
      throws Exception {
    String line = "console=ttyS0 watchdog_thresh=-5 " + "ro ".repeat(34_000);
    Path scenario = dir.resolve("thresh.conf");
    Files.writeString(scenario, "seed = 1\nduration = 60s\nmachines = [ { name = m0, cpus = 2,"
        + " hz = 250, cmdline = \"" + line + "\" } ]\n");
    String script = String.join("\n", "cat /proc/cmdline",
        "cat /proc/sys/kernel/watchdog_thresh", "inject hardlockup cpu 1 for 30s",
        "inject softlockup cpu 0 for 30s", "advance 40s", "dmesg") + "\n";
    Cli.Outcome o = Cli.runWithInput(script, "shell", scenario.toString(), "--batch", "--json");
    HostileInput.assertNoJavaText(o.stdout() + o.stderr());
    assertEquals(0, o.exit(), o.stderr());
    List<JsonNode> r = ShellBatchTest.results(o);
    // x86 COMMAND_LINE_SIZE is 2048, its last byte the NUL.
    assertResult(r.get(0), 0, line.trim().substring(0, 2047) + "\n", "");
    // kernel/watchdog.c watchdog_thresh_setup(): get_option() keeps -5 as given.
    assertResult(r.get(1), 0, "-5\n", "");
    String dmesg = r.get(5).get("stdout").asText();
    assertFalse(dmesg.contains("soft lockup"), dmesg);
    assertFalse(dmesg.contains("hard LOCKUP"), dmesg);
  }

  @Test
  void sysrqCCrashesTheMachineWithTheKernelsPanic(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("crash.conf");
    Files.writeString(scenario, "seed = 1\nduration = 3s\nmachines = [ { name = m0, cpus = 2,"
        + " hz = 250 } ]\ntimeline = [ { at = 2s, run = \"echo c > /proc/sysrq-trigger\" } ]\n");
    Cli.Outcome o = Cli.run("run", scenario.toString());
    HostileInput.assertNoJavaText(o.stdout() + o.stderr());
    String log = o.stdout();
    // drivers/tty/sysrq.c sysrq_handle_crash(): the action message, then panic().
    int crash = log.indexOf("] sysrq: Trigger a crash\n");
    assertTrue(crash > 0, log);
    String after = log.substring(crash);
    assertTrue(after.contains("] Kernel panic - not syncing: sysrq triggered crash\n"), after);
    assertTrue(after.contains("]  sysrq_handle_crash+0x16/0x20\n"), after);
    assertTrue(after.contains("] ---[ end Kernel panic - not syncing: sysrq triggered crash ]---"),
        after);
  }
}

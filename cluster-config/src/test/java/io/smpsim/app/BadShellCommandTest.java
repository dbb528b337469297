package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smpsim.kernel.core.BusyboxUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

  /**
   * A command line and what it must print, or, where {@code exit} is null, a line the test
   * checks itself.
   */
  private record Line(String text, Integer exit, String stdout, String stderr, String why) {

    /** The same expectation, with the reason a failure message gives. */
    Line because(String reason) {
      return new Line(text, exit, stdout, stderr, reason);
    }
  }

  /** {@code text} must succeed and print {@code stdout}. */
  private static Line ok(String text, String stdout) {
    return new Line(text, 0, stdout, "", null);
  }

  /** {@code text} must succeed and print nothing. */
  private static Line ok(String text) {
    return ok(text, "");
  }

  /** {@code text} must fail with status {@code exit} and {@code stderr} alone. */
  private static Line fails(String text, int exit, String stderr) {
    return new Line(text, exit, "", stderr, null);
  }

  /** A write busybox ash reports as refused: {@code sh: write error: <strerror>}. */
  private static Line writeError(String text, String strerror) {
    return fails(text, 1, "sh: write error: " + strerror + "\n");
  }

  /** A line whose result the test checks itself. */
  private static Line checked(String text) {
    return new Line(text, null, null, null, null);
  }

  /**
   * Runs {@code lines} in one shell, one JSON result per command, and checks each line that
   * says what it must print.
   */
  private static List<JsonNode> run(Line... lines) throws Exception {
    String input = Stream.of(lines).map(Line::text).collect(Collectors.joining("\n")) + "\n";
    Cli.Outcome o = Cli.runWithInput(input, "shell", BOOT, "--batch", "--json");
    HostileInput.assertNoJavaText(o.stdout() + o.stderr());
    List<JsonNode> r = ShellBatchTest.results(o);
    assertEquals(lines.length, r.size(), o.stdout());
    assertEquals(ShellBatchTest.lastFailure(r), o.exit(), o.stderr());
    for (int i = 0; i < lines.length; i++) {
      Line l = lines[i];
      if (l.exit() != null) {
        String why = (l.why() == null ? l.text() : l.why()) + ": " + r.get(i);
        assertEquals(l.exit(), r.get(i).get("exit").asInt(), why);
        assertEquals(l.stdout(), r.get(i).get("stdout").asText(), why);
        assertEquals(l.stderr(), r.get(i).get("stderr").asText(), why);
      }
    }
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
        fails("cat " + huge + "/online", 1, "cat: can't open '" + huge
            + "/online': No such file or directory\n"),
        fails("echo 0 > " + huge + "/online", 1, "sh: can't create " + huge
            + "/online: nonexistent directory\n"),
        fails("cat /sys/devices/system/cpu/cpu01/online", 1,
            "cat: can't open '/sys/devices/system/cpu/cpu01/online': No such file or directory\n"),
        fails("cat " + huge + "/hotplug/state", 1, "cat: can't open '" + huge
            + "/hotplug/state': No such file or directory\n"),
        checked("echo 99999999999999999999 > /proc/sys/kernel/watchdog_cpumask"),
        ok("cat /sys/devices/system/cpu/online", "0-7\n"),
        ok("cat /proc/sys/kernel/watchdog_cpumask", "0-7\n"));
    assertEquals(1, r.get(4).get("exit").asInt(), r.get(4).toString());
  }

  @Test
  void echoNWritesNothingAndTheValueStays() throws Exception {
    List<JsonNode> r = run(
        ok("echo -n > /proc/sys/kernel/watchdog_thresh"),
        ok("cat /proc/sys/kernel/watchdog_thresh", "10\n"),
        checked("echo -n > /proc/cpuinfo"), checked("echo x > /proc/cpuinfo"));
    // Root opens a read-only procfs file; a write of nothing never reaches its missing
    // proc_write, one of something is EIO (as busybox 1.35 on a Linux kernel answers).
    assertEquals(0, r.get(2).get("exit").asInt(), r.get(2).toString());
    assertEquals("sh: write error: Input/output error\n", r.get(3).get("stderr").asText());
  }

  @Test
  void grepWithABadRegexIsBusyboxsBadRegexExit2() throws Exception {
    run(
        fails("grep [ /proc/cpuinfo", 2, "grep: bad regex '['\n"),
        fails("grep -E ( /proc/cpuinfo", 2, "grep: bad regex '('\n"),
        ok("grep -c ^processor /proc/cpuinfo", "8\n"));
  }

  @Test
  void shellOperatorsSmpsimDoesNotRunAreRefusedNotPassedOnAsWords() throws Exception {
    List<JsonNode> r = run(
        fails("cat < /proc/cmdline", 2, "sh: '<' is not supported: smpsim's shell redirects no"
            + " input\n"),
        fails("echo `nproc`", 2, "sh: '`' is not supported: smpsim's shell has no command"
            + " substitution\n"),
        fails("echo $(nproc)", 2, "sh: '$(' is not supported: smpsim's shell has no command"
            + " substitution\n"),
        fails("nproc &", 2, "sh: '&' is not supported: smpsim's shell runs in the background"
            + " only its busy loop (while :; do :; done &, or pinned: taskset -c LIST sh -c"
            + " 'while :; do :; done' &)\n"),
        fails("taskset -c 1 nproc &", 2, "sh: smpsim's taskset runs only a background busy"
            + " loop (taskset -c LIST sh -c 'while :; do :; done' &) and shows or sets a"
            + " process's affinity (taskset -p [-c] [AFFINITY] PID)\n"),
        fails("echo 1 > /proc/sys/kernel/watchdog_thresh; cat < /proc/cmdline", 2, "sh: '<' is"
            + " not supported: smpsim's shell redirects no input\n"),
        ok("cat /proc/sys/kernel/watchdog_thresh", "1\n")
            .because("a list runs up to the command refused"),
        fails("echo a && && echo b", 2, "sh: syntax error: unexpected \"&&\"\n"),
        ok("echo 'a;b' \"c&&d\" e\\;f", "a;b c&&d e;f\n")
            .because("quoted or escaped, they are text"),
        checked("while :; do :; done &"),
        ok("for i in 1 2; do echo $i; done", "1\n2\n"),
        checked("until false; do :; done"));
    // A compound command's own ';' and '&' belong to it: the background busy loop runs, a for
    // loop runs, and a compound command smpsim has no loop for is not found.
    assertEquals(0, r.get(9).get("exit").asInt(), r.get(9).toString());
    assertEquals(127, r.get(11).get("exit").asInt(), r.get(11).toString());
  }

  @Test
  void dmesgCPrintsTheBufferThenClearsIt() throws Exception {
    List<JsonNode> r = run(checked("dmesg -c"), ok("dmesg"),
        fails("dmesg -x", 1, "dmesg: invalid option -- 'x'\n" + BusyboxUsage.of("dmesg")));
    assertEquals(0, r.get(0).get("exit").asInt());
    assertTrue(r.get(0).get("stdout").asText().contains("] smp: Brought up 1 node, 8 CPUs\n"));
  }

  @Test
  void aNegativeWakealarmDisablesTheAlarm() throws Exception {
    String wa = "/sys/class/rtc/rtc0/wakealarm";
    run(
        ok("echo +100 > " + wa),
        ok("echo -5 > " + wa),
        // wakealarm_show(): nothing when no alarm is set; and a relative alarm is no longer
        // EBUSY.
        ok("cat " + wa),
        ok("echo +100 > " + wa));
  }

  @Test
  void wakealarmStoresFollowTheRtcCoreAndTheCmosDriversOneDayLimit() throws Exception {
    String wa = "/sys/class/rtc/rtc0/wakealarm";
    List<JsonNode> r = run(
        // drivers/rtc/sysfs.c wakealarm_store(): a time that is not in the future disables the
        // alarm and the write succeeds.
        ok("echo +0 > " + wa),
        // rtc-cmos.c cmos_validate_alarm(): no day-of-month alarm register, so at most one day.
        writeError("echo +86400 > " + wa, "Invalid argument"),
        checked("dmesg | grep rtc_cmos"),
        // "+=" pushes an armed alarm: with none armed it is EINVAL.
        writeError("echo +=5 > " + wa, "Invalid argument"),
        // kstrtos64(, 0): hexadecimal is a number.
        ok("echo +0x10 > " + wa),
        // An absolute time does not clobber the armed alarm either; "+=" may move it.
        writeError("echo 4000000000 > " + wa, "Device or resource busy"),
        ok("echo +=5 > " + wa),
        writeError("echo 99999999999999999999 > " + wa, "Numerical result out of range"),
        ok("echo 0 > " + wa),
        ok("cat " + wa));
    assertTrue(r.get(2).get("stdout").asText()
        .endsWith("] rtc_cmos 00:05: Alarms can be up to one day in the future\n"), r.get(2)
        .toString());
  }

  @Test
  void rtc0sAttributesNameTheCmosDeviceAndOnlyMaxUserFreqIsWritable() throws Exception {
    String rtc = "/sys/class/rtc/rtc0/";
    List<JsonNode> r = run(
        // drivers/rtc/sysfs.c name_show(): the parent's driver and device.
        ok("cat " + rtc + "name", "rtc_cmos 00:05\n"),
        ok("cat " + rtc + "hctosys", "1\n"),
        ok("cat " + rtc + "max_user_freq", "64\n"),
        writeError("echo 0 > " + rtc + "max_user_freq", "Invalid argument"),
        writeError("echo 4096 > " + rtc + "max_user_freq", "Invalid argument"),
        ok("echo 128 > " + rtc + "max_user_freq"),
        ok("cat " + rtc + "max_user_freq", "128\n"),
        fails("echo 1 > " + rtc + "since_epoch", 1, "sh: can't create " + rtc
            + "since_epoch: Permission denied\n"),
        checked("cat " + rtc + "date"));
    assertTrue(r.get(8).get("stdout").asText().matches("\\d{4}-\\d\\d-\\d\\d\n"),
        r.get(8).toString());
  }

  @Test
  void suspendStatsListsItsThirteenReadOnlyFiles() throws Exception {
    List<JsonNode> r = run(checked("ls -l /sys/power/suspend_stats"));
    List<String> lines = List.of(r.get(0).get("stdout").asText().split("\n"));
    // kernel/power/main.c suspend_attrs[], all 0444.
    assertEquals(14, lines.size(), lines.toString());
    assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("-r--r--r--")), lines.toString());
    assertTrue(lines.get(13).endsWith(" success"), lines.toString());
  }

  @Test
  void anUnknownSysrqKeyPrintsTheHelpLineAndAnEmptyWriteNothing() throws Exception {
    List<JsonNode> r = run(
        checked("dmesg -c"),
        ok("echo x > /proc/sysrq-trigger"),
        ok("printf '' > /proc/sysrq-trigger"),
        checked("advance 10ms"),
        checked("dmesg"),
        ok("cat /sys/devices/system/cpu/online", "0-7\n"));
    // drivers/tty/sysrq.c __handle_sysrq(): pr_info("HELP : "), then "%s " per op.
    String dmesg = r.get(4).get("stdout").asText();
    assertTrue(dmesg.matches("\\[ *\\d+\\.\\d{6}\\] sysrq: HELP : loglevel\\(0-9\\)"
        + " crash\\(c\\) show-backtrace-all-active-cpus\\(l\\) \n"), dmesg);
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

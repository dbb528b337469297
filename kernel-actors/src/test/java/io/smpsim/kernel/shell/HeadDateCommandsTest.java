package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.STATES;
import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.kernel.core.BusyboxUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * busybox head and date in the machine's shell: head on files and in pipelines with its
 * errors, and date reading the simulated wall clock (RTC at the epoch at power-on, never the
 * host's clock), also as ls lists the directories the shell's Tab completes through.
 */
class HeadDateCommandsTest {

  @Test
  void headPrintsTheFirstLinesOfAFileOrOfAPipe() {
    // /proc/softirqs would move on between the reads (a device interrupt's entropy mix timer,
    // for one, raises TIMER between two commands).
    List<String> r = run("cat " + STATES, "head -n 3 " + STATES, "cat " + STATES + " | head -n 3",
        "head " + STATES, "head -2 " + STATES, "cat " + STATES + " | grep -v offline | head -n 1",
        "head -n -2 /proc/cmdline", "head -c 7 /proc/cmdline", "head -n 0 " + STATES);
    List<String> all = r.get(0).substring(2).lines().toList();
    String first3 = String.join("\n", all.subList(0, 3)) + "\n";
    assertEquals("0:" + first3, r.get(1));
    assertEquals("0:" + first3, r.get(2), "cat | head -n 3 is the same");
    assertEquals("0:" + String.join("\n", all.subList(0, 10)) + "\n", r.get(3), "10 by default");
    assertEquals("0:" + String.join("\n", all.subList(0, 2)) + "\n", r.get(4), "legacy -N");
    assertEquals("0:" + all.get(1) + "\n", r.get(5), "grep then head");
    assertEquals("0:", r.get(6), "all but the last 2 of a one-line file: nothing");
    assertEquals("0:console", r.get(7), "-c counts bytes");
    assertEquals("0:", r.get(8));
  }

  @Test
  void headOfSeveralFilesNamesEachAndReportsTheMissingOne() {
    List<String> r = run("head -n 1 /proc/cmdline /proc/nosuch /proc/sys/kernel/watchdog_thresh");
    assertEquals("1:==> /proc/cmdline <==\nconsole=ttyS0\n\n==> /proc/sys/kernel/watchdog_thresh"
        + " <==\n10\nhead: /proc/nosuch: No such file or directory\n", r.get(0));
  }

  @Test
  void headRefusesWhatBusyboxRefuses() {
    List<String> r = run("head -n x /proc/cmdline", "head -z /proc/cmdline", "head -n",
        "head -n 99999999999999999999999 /proc/cmdline", "cat /proc/cmdline | head -n 1 /proc/stat",
        "head /proc/nosuch");
    assertEquals("1:head: invalid number 'x'\n", r.get(0));
    assertEquals("1:head: invalid option -- 'z'\n" + BusyboxUsage.of("head"), r.get(1));
    assertEquals("1:head: option requires an argument -- 'n'\n" + BusyboxUsage.of("head"),
        r.get(2));
    assertEquals("1:head: invalid number '99999999999999999999999'\n", r.get(3));
    assertTrue(r.get(4).startsWith("2:sh: a 'head' in a pipeline reads its standard input"),
        r.get(4));
    assertEquals("1:head: /proc/nosuch: No such file or directory\n", r.get(5));
  }

  @Test
  void dateIsTheSimulatedWallClockFromTheEpochAtPowerOn() {
    List<String> r = run("date", "date -u +%s.%N", "date -R", "date -I", "date '+%F %T %Z %j'",
        "date | head -n 1", "date 010100002000", "date -s 12:00", "date -x", "date +%s +%s");
    assertEquals("0:Thu Jan  1 00:00:02 UTC 1970\n", r.get(0), "2 s after power-on");
    assertEquals("0:2.%N\n", r.get(1), "busybox 1.35's date has no %N: glibc's strftime()"
        + " prints it as it stands");
    assertEquals("0:Thu, 01 Jan 1970 00:00:02 +0000\n", r.get(2));
    assertEquals("0:1970-01-01\n", r.get(3));
    assertEquals("0:1970-01-01 00:00:02 UTC 001\n", r.get(4));
    assertEquals("0:Thu Jan  1 00:00:02 UTC 1970\n", r.get(5));
    assertEquals("1:date: can't set date: Operation not permitted\n", r.get(6));
    assertEquals("1:date: can't set date: Operation not permitted\n", r.get(7));
    assertEquals("1:date: invalid option -- 'x'\n" + BusyboxUsage.of("date"), r.get(8));
    assertEquals("1:" + BusyboxUsage.of("date"), r.get(9));
  }

  @Test
  void theDirectoriesTabCompletesThroughAreListed() {
    List<String> r = run("ls /sys/devices/system/cpu | head -n 5", "ls /proc/irq | grep -c .",
        "ls /proc/irq/8", "ls /sys/devices/system/cpu/cpu1/hotplug", "ls /proc/sys",
        "ls /proc/irq/16", "ls /proc/irq/08");
    assertEquals("0:cpu0\ncpu1\ncpu2\ncpu3\ncpufreq\n", r.get(0));
    assertEquals("0:17\n", r.get(1), "IRQs 0-15 and default_smp_affinity");
    assertTrue(r.get(2).startsWith("0:") && r.get(2).contains("rtc0")
        && r.get(2).contains("smp_affinity_list"), r.get(2));
    assertEquals("0:fail    state   target\n", r.get(3));
    assertEquals("0:abi     debug   dev     fs      kernel  net     user    vm\n", r.get(4));
    assertEquals("1:ls: /proc/irq/16: No such file or directory\n", r.get(5));
    assertEquals("1:ls: /proc/irq/08: No such file or directory\n", r.get(6));
  }
}

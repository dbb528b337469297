package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.STATES;
import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.core.BusyboxUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** busybox tail and wc in the machine's shell, on files and at the end of pipelines. */
class TailWcCommandsTest {

  @Test
  void tailPrintsTheLastLinesOrFromALineOn() {
    List<String> r = run("cat " + STATES, "tail -n 3 " + STATES, "cat " + STATES + " | tail -n 3",
        "tail -n +2 " + STATES, "cat " + STATES + " | grep -v offline | tail -1",
        "tail -f " + STATES,
        "tail /proc/nosuch", "tail -n x /proc/cmdline");
    List<String> all = r.get(0).substring(2).lines().toList();
    int n = all.size();
    String last3 = String.join("\n", all.subList(n - 3, n)) + "\n";
    assertEquals("0:" + last3, r.get(1));
    assertEquals("0:" + last3, r.get(2), "cat | tail -n 3 is the same");
    assertEquals("0:" + String.join("\n", all.subList(1, n)) + "\n", r.get(3), "+2: from line 2");
    assertEquals("0:" + all.get(n - 1) + "\n", r.get(4));
    assertEquals("1:tail: -f is not supported by smpsim: a simulated file is read at one"
        + " instant\n", r.get(5));
    assertEquals("1:tail: can't open '/proc/nosuch': No such file or directory\n", r.get(6));
    assertEquals("1:tail: invalid number 'x'\n", r.get(7));
  }

  @Test
  void wcCountsLinesWordsAndBytesInBusyboxColumns() {
    List<String> r = run("cat /proc/cmdline", "wc /proc/cmdline", "wc -l /proc/cmdline",
        "cat /proc/interrupts | wc -l", "cat /proc/cmdline | wc", "cat /proc/cmdline | wc -wc",
        "wc -z /proc/cmdline", "wc /proc/nosuch", "cat /proc/interrupts");
    String cmdline = r.get(0).substring(2);
    assertEquals("console=ttyS0\n", cmdline);
    // One line, one word, 14 bytes: "%9u" first, then " %9u", then the name.
    assertEquals("0:        1         1        14 /proc/cmdline\n", r.get(1));
    assertEquals("0:1 /proc/cmdline\n", r.get(2), "one count of one file: no padding");
    long lines = r.get(8).substring(2).lines().count();
    assertEquals("0:" + lines + "\n", r.get(3));
    assertEquals("0:        1         1        14\n", r.get(4));
    assertEquals("0:        1        14\n", r.get(5));
    assertEquals("1:wc: invalid option -- 'z'\n" + BusyboxUsage.of("wc"), r.get(6));
    assertEquals("1:wc: /proc/nosuch: No such file or directory\n", r.get(7));
  }

  @Test
  void severalFilesAsBusyboxPrintsThem() {
    String f = "/proc/sys/kernel/watchdog_thresh";
    List<String> r = run("wc -l " + f + " " + f, "wc -L /nope " + f, "tail -n 1 /nope " + f
        + " " + f, "uname extra");
    assertEquals("0:        1 " + f + "\n        1 " + f + "\n        2 total\n", r.get(0));
    assertEquals("1:        2 " + f + "\n        2 total\nwc: /nope: No such file or"
        + " directory\n", r.get(1), "-L's total is the longest line");
    assertEquals("1:==> " + f + " <==\n10\n\n==> " + f + " <==\n10\ntail: can't open '/nope':"
        + " No such file or directory\n", r.get(2), "no blank line before the first header shown");
    assertEquals("1:" + BusyboxUsage.of("uname"), r.get(3), "uname takes no operand");
  }
}

package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ash's test and [ (coreutils/test.c): statuses and messages as busybox 1.35 gave them on a
 * Linux kernel for the same procfs and sysfs paths (procfs files have no size, sysfs
 * attributes a page; root may write what exists).
 */
class TestCommandTest {

  @Test
  void filesStringsAndNumbersAsTestDotCJudgesThem() {
    List<String> r = run(4, "[ -f /proc/loadavg ]", "[ -d /proc/loadavg ]", "[ -e /nope ]",
        "[ 1 -eq 1 ]", "[ a = a ]", "[ a != a ]", "[ -z '' ]", "[ -n '' ]", "[ ! -e /nope ]",
        "[ 1 -eq 1 -a 2 -gt 3 ]", "[ 1 -eq 1 -o 2 -gt 3 ]", "test", "[ ]", "[ x ]", "[ '' ]",
        "[ -w /proc/version ]", "[ -x /proc/version ]", "[ -s /proc/version ]",
        "[ -s /sys/power/state ]", "[ -L /sys/devices/system/cpu/cpu0/driver ]",
        "[ a \\< b ]", "cd /sys/devices/system/cpu; [ -d cpu3 ] && [ ! -e cpu4 ]");
    String statuses = "0 1 1 0 0 1 0 1 0 1 0 1 1 0 1 0 1 1 0 0 0 0";
    StringBuilder got = new StringBuilder();
    for (String s : r) {
      got.append(got.length() == 0 ? "" : " ").append(s, 0, s.indexOf(':'));
    }
    assertEquals(statuses, got.toString());
  }

  @Test
  void whatTestRefuses() {
    List<String> r = run(2, "[ 1 -lt x ]", "[ 1 -eq 1", "[ 1 -foo 2 ]", "test 1 -eq 1 ]",
        "[ 9999999999999999999 -gt 1 ]");
    assertEquals("2:sh: x: bad number\n", r.get(0));
    assertEquals("2:sh: missing ]\n", r.get(1));
    assertEquals("2:sh: -foo: unknown operand\n", r.get(2));
    assertEquals("2:sh: ]: unknown operand\n", r.get(3));
    assertEquals("2:sh: 9999999999999999999: out of range\n", r.get(4));
  }
}

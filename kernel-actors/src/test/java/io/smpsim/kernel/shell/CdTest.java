package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ash's cd and pwd, and every applet's relative paths starting from the working directory (the
 * messages naming them as typed), as busybox 1.35 behaves on a Linux kernel.
 */
class CdTest {

  @Test
  void cdMovesTheWorkingDirectoryThatRelativePathsStartFrom() {
    List<String> r = run(4, "pwd", "cd /sys/devices/system/cpu; pwd; cat online",
        "echo 0 > cpu1/online; cat offline", "ls -d cpu3 hotplug", "grep -c . cpu0/hotplug/state",
        "cd cpu2/../cpu3; pwd", "cd -", "cd ..; pwd", "cd; pwd",
        "cd /proc//sys/; cat kernel/watchdog_thresh", "cat nope", "echo 1 > nope",
        "ls -l kernel/watchdog_thresh", "wc -l ../interrupts");
    assertEquals("0:/\n", r.get(0), "init starts at the root");
    assertEquals("0:/sys/devices/system/cpu\n0-3\n", r.get(1));
    assertEquals("0:1\n", r.get(2));
    assertEquals("0:cpu3     hotplug\n", r.get(3));
    assertEquals("0:1\n", r.get(4));
    assertEquals("0:/sys/devices/system/cpu/cpu3\n", r.get(5));
    assertEquals("0:/sys/devices/system/cpu\n", r.get(6), "cd - prints where it goes");
    assertEquals("0:/sys/devices/system\n", r.get(7));
    assertEquals("0:/\n", r.get(8), "HOME is / for init");
    assertEquals("0:10\n", r.get(9));
    assertEquals("1:cat: can't open 'nope': No such file or directory\n", r.get(10));
    assertEquals("1:sh: can't create nope: nonexistent directory\n", r.get(11));
    assertTrue(r.get(12).startsWith("0:-rw-r--r--") && r.get(12)
        .endsWith(" kernel/watchdog_thresh\n"), r.get(12));
    assertTrue(r.get(13).matches("0:\\d+ \\.\\./interrupts\n"), r.get(13));
  }

  @Test
  void whatCdAndPwdRefuse() {
    List<String> r = run(2, "cd /nope", "cd /proc/version", "pwd -x", "cd /proc/irq; pwd",
        "cd /proc/sys/nope", "[ -d /proc/sys/vm ] && [ ! -d /proc/sys/vm/nope ]");
    assertEquals("2:sh: cd: can't cd to /nope: No such file or directory\n", r.get(0));
    assertEquals("2:sh: cd: can't cd to /proc/version: Not a directory\n", r.get(1));
    assertEquals("2:sh: pwd: illegal option -x\n", r.get(2));
    assertEquals("0:/proc/irq\n", r.get(3));
    assertEquals("2:sh: cd: can't cd to /proc/sys/nope: No such file or directory\n", r.get(4),
        "only /proc/sys's real directories are ones");
    assertEquals("0:", r.get(5));
  }
}

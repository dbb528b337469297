package io.smpsim.kernel.sysctl;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * busybox 1.35's sysctl (procps/sysctl.c sysctl_main, sysctl_act_on_setting), checked against
 * what Debian 12's busybox printed: a setting with {@code =} writes with or without -w, an empty
 * value writes nothing, -q quiets writes, -e hides unknown keys but not the status, no key is
 * no work, -p finds no file in the initramfs.
 */
class SysctlCommandTest {

  private static final String THRESH = "kernel.watchdog_thresh";

  @Test
  void aSettingWithAnEqualsSignWritesWithOrWithoutW() {
    List<String> r = run(4, "sysctl " + THRESH + "=5", "sysctl " + THRESH,
        "sysctl -w " + THRESH + "=6", "sysctl -n " + THRESH, "sysctl -q " + THRESH + "=7",
        "sysctl -q " + THRESH, "sysctl " + THRESH + "=", "cat /proc/sys/kernel/watchdog_thresh",
        "sysctl " + THRESH + "=99", "sysctl -n " + THRESH);
    assertEquals("0:" + THRESH + " = 5\n", r.get(0));
    assertEquals("0:" + THRESH + " = 5\n", r.get(1), "the kernel took it");
    assertEquals("0:" + THRESH + " = 6\n", r.get(2));
    assertEquals("0:6\n", r.get(3));
    assertEquals("0:", r.get(4), "-q: a write says nothing");
    assertEquals("0:" + THRESH + " = 7\n", r.get(5), "-q does not quiet a read");
    assertEquals("0:" + THRESH + " = \n", r.get(6), "opened, nothing written");
    assertEquals("0:7\n", r.get(7));
    assertEquals("1:sysctl: write error: Invalid argument\n", r.get(8));
    assertEquals("0:7\n", r.get(9));
  }

  @Test
  void errorsAndOptionsAreBusyboxs() {
    List<String> r = run(4, "sysctl", "sysctl -e kernel.nope " + THRESH, "sysctl kernel.nope",
        "sysctl -w " + THRESH, "sysctl =5", "sysctl -p", "sysctl -p /etc/my.conf", "sysctl -x");
    assertEquals("0:", r.get(0), "no key: nothing to do");
    assertEquals("1:" + THRESH + " = 10\n", r.get(1), "-e: unknown keys unsaid, still failing");
    assertEquals("1:sysctl: error: 'kernel.nope' is an unknown key\n", r.get(2));
    assertEquals("1:sysctl: error: '" + THRESH + "' must be of the form name=value\n", r.get(3));
    assertEquals("1:sysctl: error: malformed setting '=5'\n", r.get(4));
    assertEquals("0:sysctl: /etc/sysctl.conf: No such file or directory\n", r.get(5));
    assertEquals("0:sysctl: /etc/my.conf: No such file or directory\n", r.get(6));
    assertTrue(r.get(7).startsWith("1:sysctl: invalid option -- 'x'\nBusyBox v1.35.0 (Debian"
        + " 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: sysctl [-enq] { -a | -p"
        + " [FILE]... | [-w] [KEY[=VALUE]]... }\n"), r.get(7));
    assertTrue(r.get(7).endsWith("\t-w\tSet values\n"), r.get(7));
  }
}

package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Command lists ({@code ;}, {@code &&}, {@code ||}) as busybox ash runs them: in order, each
 * after the one before is over, && and || by the last status, $? as it stands when each
 * command starts, and ash's syntax errors (nothing of the line runs). Expected texts are what
 * Debian 12's busybox 1.35 printed for the same lines.
 */
class CommandListTest {

  @Test
  void commandsRunInTurnByTheLastStatus() {
    List<String> r = run(4, "echo 0 > /sys/devices/system/cpu/cpu1/online;"
        + " cat /sys/devices/system/cpu/online", "false && echo x; echo $?",
        "true || echo x; echo $?", "false || echo y && echo z; echo $?", "echo a;",
        "cat /nope; echo rc=$?", "sleep 0.05 && cat /proc/sys/kernel/watchdog_thresh",
        "echo \"a;b\" 'c&&d' && echo e", "false; : anything && echo colon");
    assertEquals("0:0,2-3\n", r.get(0));
    assertEquals("0:1\n", r.get(1), "a skipped command leaves the status of the one before");
    assertEquals("0:0\n", r.get(2));
    assertEquals("0:y\nz\n0\n", r.get(3));
    assertEquals("0:a\n", r.get(4), "a trailing ; ends the list");
    assertEquals("0:rc=1\ncat: can't open '/nope': No such file or directory\n", r.get(5));
    assertEquals("0:10\n", r.get(6));
    assertEquals("0:a;b c&&d\ne\n", r.get(7), "quoted operators are text");
    assertEquals("0:colon\n", r.get(8), "':' is ash's null command: status 0");
  }

  @Test
  void syntaxErrorsRunNothing() {
    List<String> r = run(4, "; echo a", "echo a;; echo b", "echo a && && echo b", "echo a &&",
        "echo a ||", "echo 0 > /sys/devices/system/cpu/cpu1/online ; ; echo b",
        "cat /sys/devices/system/cpu/online");
    assertEquals("2:sh: syntax error: unexpected \";\"\n", r.get(0));
    assertEquals("2:sh: syntax error: unexpected \";;\"\n", r.get(1));
    assertEquals("2:sh: syntax error: unexpected \"&&\"\n", r.get(2));
    assertEquals("2:sh: syntax error: unexpected end of file\n", r.get(3));
    assertEquals("2:sh: syntax error: unexpected end of file\n", r.get(4));
    assertEquals("2:sh: syntax error: unexpected \";\"\n", r.get(5));
    assertEquals("0:0-3\n", r.get(6), "the line with the error changed nothing");
  }
}

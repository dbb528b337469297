package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ash's for loop on one line: what busybox 1.35 printed for the same lines, and the hotplug
 * loop it is for.
 */
class ForLoopTest {

  @Test
  void theBodyRunsForEachWordWithTheVariableReplaced() {
    List<String> r = run(4, "for i in 1 2; do echo $i; done",
        "for i in; do echo x; done; echo rc=$?", "for i in a b; do false; done; echo rc=$?",
        "for i in a b; do echo ${i}x \"$i\" '$i'; done",
        "for i in a b; do echo $i; done; echo after",
        "for i in 1 2; do echo $i && false || echo no; done",
        "for c in 1 2 3; do echo 0 > /sys/devices/system/cpu/cpu$c/online; done;"
            + " cat /sys/devices/system/cpu/online");
    assertEquals("0:1\n2\n", r.get(0));
    assertEquals("0:rc=0\n", r.get(1), "no word: status 0");
    assertEquals("0:rc=1\n", r.get(2), "the last body command's status");
    assertEquals("0:ax a $i\nbx b $i\n", r.get(3), "not inside single quotes");
    assertEquals("0:a\nb\nafter\n", r.get(4));
    assertEquals("0:1\nno\n2\nno\n", r.get(5));
    assertEquals("0:0\n", r.get(6), "three CPUs offlined by the loop");
  }

  @Test
  void malformedLoopsAreAshsSyntaxErrors() {
    List<String> r = run(2, "for i in 1 2; do echo $i", "for i in 1 2 do echo $i; done",
        "for 1x in a; do echo; done", "for i in a; do; done");
    assertEquals("2:sh: syntax error: unexpected end of file (expecting \"done\")\n", r.get(0));
    assertEquals("2:sh: syntax error: unexpected \"done\" (expecting \"do\")\n", r.get(1));
    assertEquals("2:sh: syntax error: bad for loop variable\n", r.get(2));
    assertEquals("2:sh: syntax error: unexpected \";\"\n", r.get(3));
  }
}

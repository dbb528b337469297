package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.core.BusyboxUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * busybox grep's common options (findutils/grep.c), the same on a file and in a pipeline:
 * -i, -w, -x, -n, -F, -v, -c; others refused with exit 2, as grep's errors are.
 */
class GrepOptionsTest {

  @Test
  void theOptionsSelectAndNumberLinesAsBusyboxDoes() {
    List<String> r = run(2, "cat /proc/cpuinfo", "grep -i PROCESSOR /proc/cpuinfo",
        "grep -w cpu /proc/cpuinfo", "grep -x 0-1 /sys/devices/system/cpu/online",
        "grep -x 0 /sys/devices/system/cpu/online", "grep -n 'model name' /proc/cpuinfo",
        "cat /proc/cpuinfo | grep -vc :", "grep -F '.' /proc/cmdline",
        "grep -F 'cpu[0]' /proc/cpuinfo", "cat /proc/cpuinfo | grep -in 'MODEL NAME'");
    List<String> info = r.get(0).substring(2).lines().toList();
    assertEquals("0:" + lines(info.stream().filter(l -> l.startsWith("processor")).toList()),
        r.get(1), "-i");
    // -w: "cpu" standing as a word of its own (cpu MHz, cpu family), not inside cpuid.
    List<String> words = info.stream().filter(l -> List.of(l.split("[^A-Za-z0-9_]+"))
        .contains("cpu")).toList();
    assertEquals("0:" + lines(words), r.get(2));
    assertEquals("0:0-1\n", r.get(3), "-x matches the whole line");
    assertEquals("1:", r.get(4), "-x: 0 is not the whole line 0-1");
    StringBuilder numbered = new StringBuilder();
    for (int i = 0; i < info.size(); i++) {
      if (info.get(i).contains("model name")) {
        numbered.append(i + 1).append(':').append(info.get(i)).append('\n');
      }
    }
    assertEquals("0:" + numbered, r.get(5), "-n: N:line");
    assertEquals("0:" + info.stream().filter(l -> !l.contains(":")).count() + "\n", r.get(6),
        "-vc counts the lines without a colon (the blank ones between CPUs)");
    assertEquals("1:", r.get(7), "-F: the dot is a dot, and the command line has none");
    assertEquals("1:", r.get(8), "-F: no bracket expression");
    assertEquals("0:" + numbered, r.get(9), "-in in a pipeline");
  }

  private static String lines(List<String> l) {
    return l.isEmpty() ? "" : String.join("\n", l) + "\n";
  }

  @Test
  void quietSaysItByItsStatusAlone() {
    List<String> r = run(2, "grep -q cpu /proc/stat", "grep -q nothing /proc/stat",
        "cat /proc/stat | grep -q intr", "cat /proc/stat | grep -qv .", "grep -q x /nope");
    assertEquals("0:", r.get(0));
    assertEquals("1:", r.get(1));
    assertEquals("0:", r.get(2));
    assertEquals("1:", r.get(3));
    assertEquals("2:grep: /nope: No such file or directory\n", r.get(4));
  }

  @Test
  void otherOptionsAreRefused() {
    List<String> r = run(2, "grep -Z x /proc/stat", "grep -z cpu /proc/stat",
        "cat /proc/stat | grep -l cpu", "grep", "grep -n '[' /proc/stat");
    assertEquals("2:grep: invalid option -- 'Z'\n" + BusyboxUsage.of("grep"), r.get(0),
        "getopt's complaint, then busybox's usage");
    assertEquals("2:grep: -z is not supported by smpsim's grep (it runs -cEFinqvwx)\n", r.get(1));
    assertEquals("2:grep: -l is not supported by smpsim's grep (it runs -cEFinqvwx)\n", r.get(2));
    assertEquals("2:" + BusyboxUsage.of("grep"), r.get(3));
    assertEquals("2:grep: bad regex '['\n", r.get(4), "Debian's busybox says no more");
  }
}

package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.core.BusyboxUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * busybox nproc (coreutils/nproc.c): the online CPUs the shell may run on, or with --all every
 * CPU directory of /sys/devices/system/cpu, less --ignore, at least one.
 */
class NprocCommandTest {

  @Test
  void nprocCountsTheOnlineCpusOrAllOfThemLessTheIgnoredOnes() {
    List<String> r = run(4, "echo 0 > /sys/devices/system/cpu/cpu3/online", "nproc",
        "nproc --all", "nproc --ignore=1", "nproc --all --ignore 1", "nproc --ignore=9",
        "nproc --ignore=x", "nproc --ignore", "nproc -a", "nproc --bogus");
    assertEquals("0:3\n", r.get(1));
    assertEquals("0:4\n", r.get(2), "an offline CPU keeps its cpu3 directory");
    assertEquals("0:2\n", r.get(3));
    assertEquals("0:3\n", r.get(4));
    assertEquals("0:1\n", r.get(5), "never fewer than one");
    assertEquals("1:nproc: invalid number 'x'\n", r.get(6));
    assertEquals("1:nproc: option '--ignore' requires an argument\n", r.get(7));
    assertEquals("1:nproc: invalid option -- 'a'\n" + BusyboxUsage.of("nproc"), r.get(8));
    assertEquals("1:nproc: unrecognized option '--bogus'\n" + BusyboxUsage.of("nproc"),
        r.get(9));
  }
}

package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * busybox sync: nothing to write back on smpsim's machines, so it succeeds quietly; FILEs that
 * do not open are said, each, and make it fail, the others still synced (busybox 1.35).
 */
class SyncTest {

  @Test
  void syncSucceedsQuietlyAndSaysEachFileItCannotOpen() {
    List<String> r = run(2, "sync", "sync -d /proc/sys/kernel/watchdog_thresh",
        "cd /sys/devices/system/cpu; sync -f online cpu1", "sync /nope /proc/version nope2",
        "sync -x");
    assertEquals("0:", r.get(0));
    assertEquals("0:", r.get(1));
    assertEquals("0:", r.get(2), "relative FILEs from the working directory, directories too");
    assertEquals("1:sync: can't open '/nope': No such file or directory\n"
        + "sync: can't open 'nope2': No such file or directory\n", r.get(3));
    assertTrue(r.get(4).startsWith("1:sync: invalid option -- 'x'\n"), r.get(4));
    assertTrue(r.get(4).contains("Usage: sync [-df] [FILE]..."), r.get(4));
  }
}

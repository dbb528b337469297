package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.core.TextFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * busybox cat's options (coreutils/cat.c -nbvteA), with the texts Debian 12's busybox 1.35
 * printed for the same input.
 */
class CatOptionsTest {

  private static final String TEXT = "a\tb\n\nc\001d\n";

  @Test
  void numbersAndShownCharactersAsBusyboxPrintsThem() {
    assertEquals("     1\ta\tb\n     2\t\n     3\tc\001d\n",
        new TextFilter.Cat(true, false, false, false, false).apply(TEXT));
    assertEquals("     1\ta\tb\n\n     2\tc\001d\n",
        new TextFilter.Cat(false, true, false, false, false).apply(TEXT));
    assertEquals("a^Ib$\n$\nc^Ad$\n", new TextFilter.Cat(false, false, true, true, true)
        .apply(TEXT), "-A");
    assertEquals("a\tb\n\nc^Ad\n", new TextFilter.Cat(false, false, false, false, true)
        .apply(TEXT), "-v");
    assertEquals("     1\tx\n     2\t\n     3\ty\n",
        new TextFilter.Cat(true, false, false, false, false).apply("x\n\ny"),
        "a last line without its newline gets one when numbered");
    assertEquals("x$\n$\ny", new TextFilter.Cat(false, false, false, true, true)
        .apply("x\n\ny"), "-e marks only ends that are there");
  }

  @Test
  void onTheMachinesFiles() {
    List<String> r = run(4, "cat -n /proc/sys/kernel/watchdog_thresh "
        + "/sys/devices/system/cpu/online", "cat -A /proc/cpuinfo", "cat -b /proc/cpuinfo",
        "cat /proc/cpuinfo", "cat -x /proc/cpuinfo", "cat -n /nope");
    assertEquals("0:     1\t10\n     2\t0-3\n", r.get(0), "numbering runs on across files");
    assertTrue(r.get(1).startsWith("0:processor^I: 0$\n"), r.get(1));
    String plain = r.get(3).substring(2);
    long blank = plain.lines().filter(String::isEmpty).count();
    assertEquals(plain.lines().count() - blank, r.get(2).lines().filter(l -> l.matches(
        "(0:)? *\\d+\t.*")).count(), "-b numbers the lines that are not empty");
    assertEquals("1:cat: invalid option -- 'x'\n" + BusyboxUsage.of("cat"), r.get(4));
    assertEquals("1:cat: can't open '/nope': No such file or directory\n", r.get(5));
  }
}

package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** busybox printf (coreutils/printf.c): conversions, the format reused, bad numbers. */
class PrintfTest {

  @Test
  void conversionsFlagsAndWidthsAsCDoes() {
    assertEquals(new Printf("x-5\n", ""), Printf.of("%s-%d\\n", List.of("x", "5")));
    assertEquals(new Printf("   ab|7  |0ff|377\n", ""),
        Printf.of("%5s|%-3d|%03x|%o\\n", List.of("ab", "7", "255", "255")));
    assertEquals(new Printf("a\nb\nc\n", ""), Printf.of("%s\\n", List.of("a", "b", "c")),
        "the format again while arguments remain");
    assertEquals(new Printf("<>0\n", ""), Printf.of("<%s>%d\\n", List.of()), "missing: empty, 0");
    assertEquals(new Printf("a\tb|a\\tb", ""), Printf.of("%b|%s", List.of("a\\tb", "a\\tb")));
    assertEquals(new Printf("65 0x10\n", ""), Printf.of("%d %s\\n", List.of("'A", "0x10")));
    assertEquals(new Printf("[5][0xff][010][+3][ 4][007][-0042][9    |][    a][ffff]\n", ""),
        Printf.of("[%#d][%#x][%#o][%+d][% d][%.3d][%05d][%-5d|][%5.1s][%x]\\n",
            List.of("5", "255", "8", "3", "4", "7", "-42", "9", "abc", "65535")),
        "C's flags and precisions, none refused");
    assertEquals(new Printf("0\n", "printf: invalid number 'abc'\n"),
        Printf.of("%d\\n", List.of("abc")));
  }

  @Test
  void onTheConsoleAndIntoAFile() {
    List<String> r = run(2, "printf '%s=%d\\n' thresh 7", "printf %d 8 > "
        + "/proc/sys/kernel/watchdog_thresh", "cat /proc/sys/kernel/watchdog_thresh",
        "printf '%d\\n' x", "printf");
    assertEquals("0:thresh=7\n", r.get(0));
    assertEquals("0:", r.get(1));
    assertEquals("0:8\n", r.get(2));
    assertEquals("1:0\nprintf: invalid number 'x'\n", r.get(3));
    assertEquals("1:Usage: printf FORMAT [ARG]...\n", r.get(4));
  }
}

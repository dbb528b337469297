package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * busybox ash's printf builtin (coreutils/printf.c): every expected text is what Debian 12's
 * busybox 1.35 printed for the same format and arguments.
 */
class PrintfTest {

  private static Printf printf(String format, String... args) {
    return Printf.of(format, List.of(args));
  }

  @Test
  void integersAndStringsWithCsFlagsWidthsAndPrecisions() {
    assertEquals(new Printf("   ab|3    |+4| 5|ff|10|x|a\tb\n", "", 0),
        printf("%05s|%-5d|%+d|% d|%x|%o|%c|%b\\n", "ab", "3", "4", "5", "255", "8", "xyz",
            "a\\tb"));
    assertEquals(new Printf("a\nb\nc\n", "", 0), printf("%s\\n", "a", "b", "c"),
        "the format again while arguments remain");
    assertEquals(new Printf("abc|   xy|q   |\n", "", 0),
        printf("%.3s|%5.2s|%-4c|\\n", "abcdef", "xyz", "q"));
    assertEquals(new Printf("    a|b  ||h\n", "", 0),
        printf("%5c|%-3c|%.0s|%c\\n", "a", "b", "xyz", "hello"));
    assertEquals(new Printf("-3 18446744073709551615 FF\n", "", 0),
        printf("%i %u %X\\n", "-3", "-1", "255"));
    assertEquals(new Printf("ffffffffffffffff 1777777777777777777770 31 8 65 5\n", "", 0),
        printf("%x %o %d %d %d %d\\n", "-1", "-8", "0x1f", "010", "'A", " 5"));
    assertEquals(new Printf("0xff 010 +3   |     005\n", "", 0),
        printf("%#x %#o %-+5d|%08.3d\\n", "255", "8", "3", "5"));
    assertEquals(new Printf("1 2 3\n", "", 0), printf("%ld %lld %hd\\n", "1", "2", "3"),
        "size modifiers are dropped");
    assertEquals(new Printf("   42|ab|5   |3    |5|\n", "", 0),
        printf("%*d|%.*s|%-*d|%*d|%.*d|\\n", "5", "42", "2", "abcdef", "4", "5", "-5", "3",
            "-1", "5"), "* takes the width or precision from the arguments");
  }

  @Test
  void floatingPointAsGlibcRoundsIt() {
    assertEquals(new Printf("2.35 0.0001 1E+20 1.234500e+03 1.000000E+00\n", "", 0),
        printf("%.2f %g %G %e %E\\n", "2.345", "0.0001", "1e20", "1234.5", "1"));
    assertEquals(new Printf("100000 1e+06 0.5 3\n", "", 0),
        printf("%g %g %g %g\\n", "100000", "1000000", "0.5", "3.0"));
    assertEquals(new Printf("0.0001|1.23457e+08|1.234e-05|2e+01|0|2|2|3.|-0.000e+00|-02.2|1E-10"
        + "|0.000000e+00|1.00000|0|1.23e+06|3.14e+00|-0001.50| 2.000000\n", "", 0),
        printf("%g|%g|%g|%.0e|%.0f|%.0f|%.0f|%#.0f|%+.3e|%05.1f|%G|%e|%#g|%g|%.3g|%-8.2e|%08.2f"
            + "|% f\\n", "0.0001", "123456789", "0.00001234", "15", "0.5", "1.5", "2.5", "3",
            "-0", "-2.25", "1e-10", "0", "1", "0", "1234567", "3.14159", "-1.5", "2"),
        "round half to even on the exact binary value");
    assertEquals(new Printf("    3.1416|    3.14|\n", "", 0),
        printf("%10.4f|%*.*f|\\n", "3.14159265", "8", "2", "3.14159"));
    assertEquals(new Printf("0.000000||0.000000e+00\n", "", 0), printf("%f|%s|%e\\n"),
        "strtod() takes an empty argument as 0");
  }

  @Test
  void escapesInTheFormatAndInPercentB() {
    assertEquals(new Printf("A0|Ag|\\q\n", "", 0), printf("\\101\\60|\\x41g|\\q\\n"));
    assertEquals(new Printf("a", "", 0), printf("a\\c b\\n"), "\\c ends printf");
    assertEquals(new Printf("AA", "", 0), printf("%b\\n", "\\x41\\0101\\c", "after"),
        "%b's \\0NNN, and its \\c ends printf too");
    assertEquals(new Printf("a\\nb\n", "", 0), printf("%s\\n", "a\\nb"));
  }

  @Test
  void badNumbersAndDirectivesAreTheShells() {
    assertEquals(new Printf("0\n", "sh: invalid number 'abc'\n", 1), printf("%d\\n", "abc"));
    assertEquals(new Printf("0\n", "sh: invalid number '5 '\n", 1), printf("%d\\n", "5 "));
    assertEquals(new Printf("0\n", "sh: invalid number '3.5'\n", 1), printf("%i\\n", "3.5"));
    assertEquals(new Printf("1 0\n", "sh: invalid number ''\n", 1), printf("%d %d\\n", "1"),
        "a missing argument is empty, and no number");
    assertEquals(new Printf("inf\n", "sh: invalid number '1e400'\n", 1),
        printf("%f\\n", "1e400"));
    assertEquals(new Printf("5|\n", "sh: invalid number 'x'\n", 0), printf("%*d|\\n", "x", "5"),
        "a bad width is said but does not fail printf");
    assertEquals(new Printf("", "sh: %q\\n: invalid format\n", 1), printf("%q\\n", "x"));
    assertEquals(new Printf("", "sh: %\\n: invalid format\n", 1), printf("%z\\n", "1"),
        "the message shows the format without its size modifiers");
    assertEquals(new Printf("1 2 ", "sh: %jd\\n: invalid format\n", 1),
        printf("%hhd %zd %jd\\n", "1", "2", "3"));
    assertEquals(new Printf("", "sh: %5b|: invalid format\n", 1), printf("%5b|", "x"));
    assertEquals(new Printf("", "sh: %5%|\\n: invalid format\n", 1), printf("%5%|\\n"));
    assertEquals(new Printf("", "sh: printf: a field of 999999999 characters is wider than"
        + " smpsim prints (1048576)\n", 1), printf("%*d", "999999999", "1"),
        "a field that would not fit in memory is refused, not built");
  }

  @Test
  void onTheConsoleAndIntoAFile() {
    List<String> r = run(2, "printf '%s=%d\\n' thresh 7", "printf %d 8 > "
        + "/proc/sys/kernel/watchdog_thresh", "cat /proc/sys/kernel/watchdog_thresh",
        "printf '%d\\n' x", "printf", "printf -- '%s\\n' -x");
    assertEquals("0:thresh=7\n", r.get(0));
    assertEquals("0:", r.get(1));
    assertEquals("0:8\n", r.get(2));
    assertEquals("1:0\nsh: invalid number 'x'\n", r.get(3));
    assertEquals("2:sh: usage: printf FORMAT [ARGUMENT...]\n", r.get(4));
    assertEquals("0:-x\n", r.get(5));
  }
}

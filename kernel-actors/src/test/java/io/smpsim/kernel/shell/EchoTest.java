package io.smpsim.kernel.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * busybox echo (coreutils/echo.c, FEATURE_FANCY_ECHO) and the double quotes its arguments come
 * in (POSIX 2.2.3): what a user types in the shell and what reaches echo.
 */
class EchoTest {

  private static String echo(String line) {
    List<String> words = ShellWords.split(line);
    return Echo.text(words.subList(1, words.size()));
  }

  @Test
  void onlyWordsOfNeAndEAreOptions() {
    assertEquals("abc", echo("echo -n abc"));
    assertEquals("a\tb\n", echo("echo -e 'a\\tb'"));
    assertEquals("a\\tb\n", echo("echo -eE 'a\\tb'"), "-E after -e turns escapes off");
    assertEquals("-x y\n", echo("echo -x y"), "not an option: echoed");
    assertEquals("- y\n", echo("echo - y"));
    assertEquals("-- -n", echo("echo -e -n -- -n"), "-- is no option to echo: it is echoed");
    assertEquals("x", echo("echo -e 'x\\cy'"), "\\c ends the output, newline too");
    assertEquals("AB\n", echo("echo -e '\\0101\\x42'"), "octal after \\0, hex after \\x");
  }

  @Test
  void escapesAreLibbbsAsInDebiansBusybox() {
    assertEquals("AAA\n", echo("echo -e '\\x41\\101\\0101'"), "\\NNN and \\0NNN octal");
    assertEquals("\\q\\\n", echo("echo -e '\\q\\'"), "no escape: the backslash stays");
  }

  @Test
  void aBackslashInDoubleQuotesQuotesOnlyDollarBacktickQuoteAndBackslash() {
    assertEquals(List.of("echo", "x\"y", "\\d", "a$b", "a\\tb"),
        ShellWords.split("echo \"x\\\"y\" \"\\\\d\" \"a\\$b\" \"a\\tb\""));
    assertEquals(List.of("echo", "a\\\\tb"), ShellWords.split("echo 'a\\\\tb'"),
        "single quotes keep every backslash");
  }
}

package io.smpsim.kernel.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shell's word split: quoted or escaped operator characters are text, not operators. */
class ShellWordsTest {

  @Test
  void operatorsOutsideQuotesAreOperatorsAndQuotedOnesAreWords() {
    assertEquals(List.of("echo", "|", ">", ">>", "|", "a", ShellWords.PIPE, "grep", "b"),
        ShellWords.split("echo '|' \">\" '>>' \\| a|grep b"));
    assertEquals(List.of("echo", "x", ShellWords.APPEND, "/f"),
        ShellWords.split("echo x>>/f"));
    assertEquals("cat /proc/x > /f", ShellWords.text(ShellWords.split("cat /proc/x >/f")));
  }

  @Test
  void aNulByteIsRefusedSoNoWordCanPassForAnOperator() {
    assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo '\0|'"));
  }

  @Test
  void theLastStatusIsExpandedOutsideSingleQuotesAsAshDoes() {
    assertEquals("echo 1", ShellWords.expand("echo $?", 1, ""));
    assertEquals("echo \"rc=127\" 127", ShellWords.expand("echo \"rc=$?\" ${?}", 127, ""));
    assertEquals("echo '$?' \\$?", ShellWords.expand("echo '$?' \\$?", 1, ""));
    assertEquals("kill 148 148 '$!'", ShellWords.expand("kill $! ${!} '$!'", 0, "148"));
    assertEquals("echo []", ShellWords.expand("echo [$!]", 0, ""), "before any job: empty");
  }

  @Test
  void expansionsSmpsimDoesNotMakeAreRefusedEvenInDoubleQuotes() {
    assertEquals("$HOME", ShellWords.unsupportedOperator("echo $HOME/x"));
    assertEquals("${x:-1}", ShellWords.unsupportedOperator("echo \"${x:-1}\""));
    assertEquals("$1", ShellWords.unsupportedOperator("echo $1"));
    assertEquals("$(", ShellWords.unsupportedOperator("echo \"$(nproc)\""));
    assertEquals("`", ShellWords.unsupportedOperator("echo \"`nproc`\""));
    // Not expansions: single quotes, an escaped or lone dollar, $? (expanded), ; in quotes.
    assertNull(ShellWords.unsupportedOperator("grep -E 'cpu$|$HOME' /proc/stat"));
    assertNull(ShellWords.unsupportedOperator("echo \\$HOME costs $ 5 \"a;b\" $?"));
    assertEquals("&", ShellWords.unsupportedOperator("echo \"a\" & echo b"));
  }

  @Test
  void aListSplitsAtItsOperatorsOutsideQuotes() {
    assertEquals(java.util.List.of("echo 'a;b'", "&&", "echo \"c||d\" e\\;f", ";", "x"),
        ShellWords.list("echo 'a;b' && echo \"c||d\" e\\;f; x"));
    assertEquals(java.util.List.of("echo a"), ShellWords.list("echo a ;"));
  }
}

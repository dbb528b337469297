package io.smpsim.kernel.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}

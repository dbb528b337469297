package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The builtins the session's help and completion offer ({@link Commands#BUILTINS}) are the ones
 * the shell runs: none of them is "not found".
 */
class BuiltinsTest {

  @Test
  void everyListedBuiltinRuns() {
    List<String> r = run(2, Commands.BUILTINS.toArray(String[]::new));
    assertEquals(Commands.BUILTINS.size(), r.size());
    for (int i = 0; i < r.size(); i++) {
      assertFalse(r.get(i).startsWith("127:"), Commands.BUILTINS.get(i) + ": " + r.get(i));
    }
  }
}

package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares a kernel log with the golden log kept beside its scenario; a difference fails with the
 * differing lines. Run the tests with {@code -Dsmpsim.updateGolden=true} to rewrite the golden
 * files after an intended change (and review the diff before committing it).
 */
public final class GoldenLog {

  private GoldenLog() {}

  /** The repository root, from a test's working directory (a module directory). */
  public static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    return Files.exists(p.resolve("scenarios")) ? p : p.getParent();
  }

  public static void assertMatches(Path golden, String actual) {
    try {
      if (Boolean.getBoolean("smpsim.updateGolden")) {
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(golden)) {
        fail("no golden log " + golden + "; run with -Dsmpsim.updateGolden=true to create it");
      }
      assertSameLog(golden.toString(), Files.readString(golden, StandardCharsets.UTF_8), actual);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Fails with the first differing lines when {@code actual} is not {@code expected}. */
  public static void assertSameLog(String what, String expected, String actual) {
    if (!expected.equals(actual)) {
      fail("kernel log differs from " + what + ":\n" + diff(expected.lines().toList(),
          actual.lines().toList()));
    }
  }

  /** The first differing region, as '-' expected / '+' actual lines. */
  static String diff(List<String> want, List<String> got) {
    int i = 0;
    while (i < want.size() && i < got.size() && want.get(i).equals(got.get(i))) {
      i++;
    }
    StringBuilder b = new StringBuilder("@@ line " + (i + 1) + " @@\n");
    for (int j = i; j < Math.min(want.size(), i + 8); j++) {
      b.append("- ").append(want.get(j)).append('\n');
    }
    for (int j = i; j < Math.min(got.size(), i + 8); j++) {
      b.append("+ ").append(got.get(j)).append('\n');
    }
    return b.toString();
  }
}

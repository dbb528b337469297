package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and careless scenario files ({@code src/test/resources/bad-scenarios}): each one is
 * refused before anything runs, with exit 2 and the one line listed for it in
 * {@code expected.txt} — the file, the line and the key, and the rule broken — and never with a
 * Java exception's text.
 */
class BadScenarioCorpusTest {

  static final Path DIR = GoldenLog.repoRoot()
      .resolve("cluster-config/src/test/resources/bad-scenarios").normalize();

  static Stream<Arguments> corpus() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (String line : Files.readAllLines(DIR.resolve("expected.txt"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      cases.add(Arguments.of(line.substring(0, tab), line.substring(tab + 1)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void isRefusedWithItsLocationAndReason(String name, String expected) {
    Path file = DIR.resolve(name);
    Cli.Outcome o = Cli.run("run", file.toString());
    assertEquals(2, o.exit(), o.stderr());
    assertEquals(expected.replace("{f}", file.toString()).replace("{d}", DIR.toString()) + "\n",
        o.stderr());
    assertEquals("", o.stdout());
    HostileInput.assertNoJavaText(o.stderr());
  }

  @Test
  void everyFileOfTheCorpusHasItsExpectedMessage() throws IOException {
    List<String> listed = corpus().map(a -> (String) a.get()[0]).toList();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".conf")).toList()) {
        assertTrue(listed.contains(f.getFileName().toString()),
            f.getFileName() + " has no line in expected.txt");
      }
    }
  }
}

package io.smpsim.app.museum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.smpsim.app.GoldenLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalogue against its sources: the audit of the seed stories (museum/stories.md, a copy
 * of the shared audit in the test resources) and the seeds' own texts. Every audited story has
 * a row, every row points at its commit message in the seed, and every story shown has its
 * scenario and quirk.
 */
class MuseumCatalogueTest {

  private static final MuseumCatalogue CATALOGUE = MuseumCatalogue.load();

  /** A row of the audit: "| N1 | "first line of the commit" | ...". */
  private static final Pattern ROW = Pattern.compile(
      "^\\| ([NS]\\d+) \\| \"(.*?)\"(?: \\([^|]*\\))? \\| ");

  private static String resource(String name) {
    try (InputStream in = MuseumCatalogueTest.class.getResourceAsStream("/museum/" + name)) {
      assertNotNull(in, "no test resource museum/" + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The audit's rows: id -> the first line of the commit message. */
  static Map<String, String> auditedStories() {
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : resource("stories.md").lines().toList()) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        rows.put(m.group(1), m.group(2));
      }
    }
    return rows;
  }

  @Test
  void everyAuditedStoryHasExactlyOneRowWithItsCommit() {
    Map<String, String> audited = auditedStories();
    assertEquals(83, audited.size(), "rows parsed from stories.md");
    List<String> ids = CATALOGUE.stories().stream().map(MuseumStory::id).toList();
    assertEquals(List.copyOf(audited.keySet()), ids, "the catalogue's rows, in the audit's order");
    for (MuseumStory s : CATALOGUE.stories()) {
      assertEquals(audited.get(s.id()), s.commit(), s.id() + "'s commit line");
    }
  }

  @Test
  void everyRowPointsAtItsCommitMessageInTheSeed() {
    for (MuseumStory s : CATALOGUE.stories()) {
      List<String> seed = resource(s.seed()).lines().toList();
      // The audit quotes the first line, sometimes joined from two or cut with an ellipsis.
      String quoted = normalize(s.commit().split("…")[0]);
      for (int line : s.lines()) {
        assertTrue(line >= 1 && line <= seed.size(), s.id() + ": line " + line);
        String from = normalize(String.join(" ", seed.subList(line - 1,
            Math.min(seed.size(), line + 3))));
        assertTrue(from.startsWith(quoted), s.id() + ": " + s.seed() + " line " + line
            + " does not start its commit message \"" + quoted + "\" but \"" + from + "\"");
      }
    }
  }

  private static String normalize(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  @Test
  void everyShownStoryHasItsScenarioWithTheQuirkAndEveryOtherSaysWhyNot() {
    for (MuseumStory s : CATALOGUE.stories()) {
      if (s.runnable()) {
        Path file = GoldenLog.repoRoot().resolve(MuseumTable.scenarioPath(s));
        assertTrue(Files.isRegularFile(file), s.id() + ": no " + file);
        List<String> quirks = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (var m : ConfigFactory.parseFile(file.toFile()).getConfigList("machines")) {
          if (m.hasPath("quirks")) {
            quirks.addAll(m.getStringList("quirks"));
          }
          options.addAll(List.of(m.getString("cmdline").split(" ")));
        }
        assertTrue(s.quirk() != null ? quirks.contains(s.quirk())
            : options.contains(s.bootOption()), s.id() + ": " + file + " has quirks " + quirks
            + " and boot options " + options);
        assertTrue(s.bugShows() != null || s.fixShows() != null,
            s.id() + ": a shown story names a line that tells the two runs apart");
        assertNotNull(s.withQuirk(), s.id());
        assertNotNull(s.withoutQuirk(), s.id());
      } else {
        assertTrue(s.blocked() != null && s.blocked().length() > 20,
            s.id() + " says why it cannot be shown");
      }
    }
  }

  @Test
  void everyMuseumScenarioBelongsToAStory() throws IOException {
    Path dir = GoldenLog.repoRoot().resolve("scenarios/museum");
    List<String> scenarios;
    try (Stream<Path> files = Files.list(dir)) {
      scenarios = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf"))
          .map(n -> n.replaceAll("\\.conf$", "")).sorted().toList();
    }
    List<String> shown = CATALOGUE.stories().stream().filter(MuseumStory::runnable)
        .map(MuseumStory::scenario).sorted().toList();
    assertEquals(shown, scenarios);
  }

  @Test
  void namesAndRowsFindTheirStory() {
    assertEquals("N24", CATALOGUE.find("alert-counter-reset").id());
    assertEquals("alert-counter-reset", CATALOGUE.find("n24").name());
    assertEquals(null, CATALOGUE.find("no-such-story"));
  }
}

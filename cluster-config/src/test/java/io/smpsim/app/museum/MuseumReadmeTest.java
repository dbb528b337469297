package io.smpsim.app.museum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.GoldenLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's "The seed museum" table is the catalogue's: generated from it, so neither can
 * drift. With {@code -Dsmpsim.updateGolden=true} the test rewrites the README's table.
 */
class MuseumReadmeTest {

  @Test
  void theReadmeTableIsTheCatalogue() throws IOException {
    Path readme = GoldenLog.repoRoot().resolve("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    assertTrue(text.contains("\n## The seed museum\n"), "README has no seed museum section");
    int begin = text.indexOf(MuseumTable.README_BEGIN + "\n");
    int end = text.indexOf(MuseumTable.README_END);
    assertTrue(begin >= 0 && end > begin, "README has no generated museum table");
    int from = begin + MuseumTable.README_BEGIN.length() + 1;
    String table = MuseumTable.markdown(MuseumCatalogue.load());
    if (Boolean.getBoolean("smpsim.updateGolden")) {
      Files.writeString(readme, text.substring(0, from) + table + text.substring(end),
          StandardCharsets.UTF_8);
      return;
    }
    assertEquals(table, text.substring(from, end),
        "README's museum table differs from the catalogue: rerun with"
            + " -Dsmpsim.updateGolden=true");
    for (MuseumStory s : MuseumCatalogue.load().stories()) {
      assertTrue(table.contains("| " + s.id() + " | "), s.id());
    }
  }
}

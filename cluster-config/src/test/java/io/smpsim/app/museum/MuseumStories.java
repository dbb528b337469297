package io.smpsim.app.museum;

import io.smpsim.app.run.Runner;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The museum's stories and scenarios as the story tests run them: from scenarios/museum, on one
 * node.
 */
final class MuseumStories {

  /** The museum's scenarios (tests run in the module's directory). */
  static final Path DIR = Path.of("..", "scenarios", "museum");

  private MuseumStories() {}

  /** The story {@code name} of the catalogue, run both ways. */
  static MuseumRun run(String name) {
    return MuseumRun.run(MuseumCatalogue.load().find(name), DIR, 1);
  }

  /**
   * What {@code smpsim run} prints on stdout for the scenario {@code text} (named
   * {@code origin}), with {@code --quiet} or without.
   */
  static String console(String text, String origin, boolean quiet) {
    ScenarioLoader loader = new ScenarioLoader();
    Scenario sc = loader.load(text, origin, null, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8)) {
      new Runner(loader).console(true).quiet(quiet).run(sc, 1, o, e, null);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}

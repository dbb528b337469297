package io.smpsim.app.museum;

import static io.smpsim.app.museum.MuseumStories.DIR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.run.RunSummary;
import io.smpsim.app.run.Runner;
import io.smpsim.app.run.ScenarioRun;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.sim.testing.SerializationErrors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every story the museum shows, both ways: the catalogue's line appears only with the quirk (the
 * bug) or only without it (the fix), and the quirk-on run gives the same log and trace hash on 3
 * in-JVM nodes as on 1.
 */
class MuseumScenariosTest {

  static List<String> shown() {
    return MuseumCatalogue.load().stories().stream().filter(MuseumStory::runnable)
        .map(MuseumStory::name).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shown")
  void theBugShowsOnlyWithTheQuirkAndTheSameOnThreeNodes(String name) {
    MuseumStory story = MuseumCatalogue.load().find(name);
    MuseumRun run = MuseumRun.run(story, DIR, 1);
    assertTrue(run.bugShown() && run.fixShown(), run::render);
    assertTrue(!run.withQuirk().lines().equals(run.withoutQuirk().lines()),
        name + ": the quirk changes nothing");

    ScenarioRun.watchSerialization();
    ScenarioLoader loader = new ScenarioLoader();
    Scenario sc = loader.load(DIR.resolve(story.scenario() + ".conf"), null, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RunSummary three;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8)) {
      three = new Runner(loader).console(true).quiet(true).run(sc, 3, o, e, null);
    }
    SerializationErrors.assertNone();
    assertEquals(3, three.nodes());
    assertEquals(run.withQuirk().traceHash(), three.traceHash(),
        name + ": the trace hash on 3 nodes");
    List<String> log = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(log, run.withQuirk().lines().subList(0, log.size()),
        name + ": the log on 3 nodes");
  }
}

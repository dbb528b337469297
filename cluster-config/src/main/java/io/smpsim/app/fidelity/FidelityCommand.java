package io.smpsim.app.fidelity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smpsim.app.cli.ExitCodes;
import io.smpsim.app.cli.Main;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioException;
import io.smpsim.app.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code smpsim fidelity RECORDING [SCENARIO]} and {@code smpsim fidelity --all}: replays
 * real-kernel recordings with their scenarios and prints, as JSON, how many of each
 * recording's key lines smpsim reproduced and which it did not. A recording without a scenario
 * is replayed by one derived from it ({@link RecordedScenario}); {@code --print-scenario}
 * shows that scenario instead of running it. Repeats of a recording's experiment (other boots
 * running the same commands) measure the real kernel's own run-to-run noise: each is scored
 * against the recording as smpsim is, and smpsim is also scored on the key lines that every
 * repeat reproduced.
 */
@Command(name = "fidelity", mixinStandardHelpOptions = true,
    description = "Score smpsim against real-kernel recordings (JSON on stdout).")
public final class FidelityCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "RECORDING",
      description = "A recording (fidelity/real-kernel format).")
  Path recording;

  @Parameters(index = "1", arity = "0..1", paramLabel = "SCENARIO",
      description = "The scenario that runs the recording's commands (default: one derived"
          + " from the recording).")
  Path scenario;

  @Option(names = "--print-scenario",
      description = "Print the scenario derived from RECORDING and stop.")
  boolean printScenario;

  @Option(names = "--all", description = "Score every DIR/NAME.txt with DIR/NAME.conf (or a"
      + " scenario derived from the recording when there is none).")
  boolean all;

  @Option(names = "--repeat", paramLabel = "OTHER", description = "Another recording of"
      + " RECORDING's experiment (repeatable): scored against RECORDING as smpsim is, and"
      + " smpsim scored on the key lines that every repeat reproduced (--all: DIR/repeats/"
      + "NAME_rK.txt).")
  List<Path> repeats = new ArrayList<>();

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "scenarios/fidelity",
      description = "Where --all finds recordings and scenarios (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() {
    return Main.guard(() -> {
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ScenarioLoader loader = new ScenarioLoader();
      if (all == (recording != null)) {
        throw new ScenarioException("give either RECORDING SCENARIO or --all");
      }
      if (printScenario) {
        if (all || scenario != null || !repeats.isEmpty()) {
          throw new ScenarioException("--print-scenario takes a RECORDING alone");
        }
        System.out.print(RecordedScenario.text(read(recording)));
        return ExitCodes.OK;
      }
      if (!all) {
        System.out.println(json.writeValueAsString(score(recording, scenario, repeats, loader)
            .toJson(json)));
        return ExitCodes.OK;
      }
      if (!repeats.isEmpty()) {
        throw new ScenarioException("--all finds repeats in DIR/repeats, not in --repeat");
      }
      ObjectNode total = json.createObjectNode();
      ArrayNode each = total.putArray("recordings");
      int keyLines = 0;
      int matched = 0;
      int stableLines = 0;
      int stableMatched = 0;
      for (Path[] p : pairs(dir)) {
        Scored s = score(p[0], p[1], repeatsOf(dir, p[0]), loader);
        each.add(s.toJson(json));
        keyLines += s.score().keyLines();
        matched += s.score().matched();
        if (s.reproducible() != null) {
          stableLines += s.reproducible().keyLines();
          stableMatched += s.reproducible().matched();
        }
      }
      total.put("keyLines", keyLines);
      total.put("matched", matched);
      total.put("percent", FidelityScore.percent(matched, keyLines));
      if (stableLines > 0) {
        ObjectNode r = total.putObject("reproducible");
        r.put("keyLines", stableLines);
        r.put("matched", stableMatched);
        r.put("percent", FidelityScore.percent(stableMatched, stableLines));
      }
      System.out.println(json.writeValueAsString(total));
      return ExitCodes.OK;
    });
  }

  /**
   * smpsim's score on a recording and, when it has repeats, theirs against it and smpsim's on
   * what they reproduced (null without repeats).
   */
  private record Scored(FidelityScore score, List<FidelityScore> repeats,
      Reproducible reproducible) {

    ObjectNode toJson(ObjectMapper json) {
      ObjectNode o = score.toJson(json);
      if (reproducible != null) {
        ArrayNode a = o.putArray("repeats");
        for (int i = 0; i < repeats.size(); i++) {
          a.addObject().put("recording", reproducible.repeats().get(i))
              .put("matched", repeats.get(i).matched()).put("percent", repeats.get(i).percent());
        }
        o.set("reproducible", reproducible.toJson(json));
      }
      return o;
    }
  }

  /** Scores a recording with its scenario, or with one derived from it when that is null. */
  private static Scored score(Path recordingFile, Path scenarioFile, List<Path> repeatFiles,
      ScenarioLoader loader) {
    Recording rec = read(recordingFile);
    List<Recording> again = repeatFiles.stream().map(FidelityCommand::read).toList();
    Scenario sc = scenarioFile != null ? loader.load(scenarioFile, null, null)
        : loader.load(RecordedScenario.text(rec), recordingFile + " (derived scenario)", null,
            null);
    Replay run = Replay.run(sc, loader);
    List<String> log = run.logAsRecorded(rec);
    FidelityScore s = FidelityScorer.score(rec, scenarioFile != null ? scenarioFile.toString()
        : "derived from " + recordingFile, log, run.commands());
    if (again.isEmpty()) {
      return new Scored(s, List.of(), null);
    }
    return new Scored(s, again.stream().map(r -> FidelityScorer.score(rec, r)).toList(),
        FidelityScorer.reproducible(rec, again, log, run.commands()));
  }

  /** The repeats of {@code recordingFile} in {@code dir}: repeats/NAME_rK.txt, by name. */
  static List<Path> repeatsOf(Path dir, Path recordingFile) {
    Path repeats = dir.resolve("repeats");
    if (!Files.isDirectory(repeats)) {
      return List.of();
    }
    String name = recordingFile.getFileName().toString().replaceFirst("\\.txt$", "");
    try (Stream<Path> files = Files.list(repeats)) {
      return files.filter(f -> f.getFileName().toString().matches(
          Pattern.quote(name) + "_r\\d+\\.txt")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Recording read(Path recordingFile) {
    if (!Files.isRegularFile(recordingFile)) {
      throw new ScenarioException(recordingFile + ": no such recording");
    }
    try {
      return Recording.read(recordingFile);
    } catch (IllegalArgumentException e) {
      throw new ScenarioException(recordingFile + ": " + e.getMessage());
    }
  }

  /**
   * Every NAME.txt in {@code dir} with the scenario NAME.conf beside it, or null (a scenario
   * derived from the recording) when there is none; by name.
   */
  static List<Path[]> pairs(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ScenarioException("--dir " + dir + ": not a directory");
    }
    List<Path[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path txt : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
        Path conf = dir.resolve(txt.getFileName().toString().replaceFirst("\\.txt$", ".conf"));
        out.add(new Path[] {txt, Files.isRegularFile(conf) ? conf : null});
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (out.isEmpty()) {
      throw new ScenarioException("--dir " + dir + ": no recording (NAME.txt)");
    }
    return out;
  }
}

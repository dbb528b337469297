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
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code smpsim fidelity RECORDING [SCENARIO]} and {@code smpsim fidelity --all}: replays
 * real-kernel recordings with their scenarios and prints, as JSON, how many of each
 * recording's key lines smpsim reproduced and which it did not. A recording without a scenario
 * is replayed by one derived from it ({@link RecordedScenario}); {@code --print-scenario}
 * shows that scenario instead of running it.
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
        if (all || scenario != null) {
          throw new ScenarioException("--print-scenario takes a RECORDING alone");
        }
        System.out.print(RecordedScenario.text(read(recording)));
        return ExitCodes.OK;
      }
      if (!all) {
        System.out.println(json.writeValueAsString(score(recording, scenario, loader)
            .toJson(json)));
        return ExitCodes.OK;
      }
      List<Path[]> pairs = pairs(dir);
      ObjectNode total = json.createObjectNode();
      ArrayNode each = total.putArray("recordings");
      int keyLines = 0;
      int matched = 0;
      for (Path[] p : pairs) {
        FidelityScore s = score(p[0], p[1], loader);
        each.add(s.toJson(json));
        keyLines += s.keyLines();
        matched += s.matched();
      }
      total.put("keyLines", keyLines);
      total.put("matched", matched);
      total.put("percent", FidelityScore.percent(matched, keyLines));
      System.out.println(json.writeValueAsString(total));
      return ExitCodes.OK;
    });
  }

  /** Scores a recording with its scenario, or with one derived from it when that is null. */
  private static FidelityScore score(Path recordingFile, Path scenarioFile,
      ScenarioLoader loader) {
    Recording rec = read(recordingFile);
    Scenario sc = scenarioFile != null ? loader.load(scenarioFile, null, null)
        : loader.load(RecordedScenario.text(rec), recordingFile + " (derived scenario)", null,
            null);
    Replay run = Replay.run(sc, loader);
    return FidelityScorer.score(rec, scenarioFile != null ? scenarioFile.toString()
        : "derived from " + recordingFile, run.logAsRecorded(rec), run.commands());
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

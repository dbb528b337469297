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
 * {@code smpsim fidelity RECORDING SCENARIO} and {@code smpsim fidelity --all}: replays
 * real-kernel recordings with their scenarios and prints, as JSON, how many of each
 * recording's key lines smpsim reproduced and which it did not.
 */
@Command(name = "fidelity", mixinStandardHelpOptions = true,
    description = "Score smpsim against real-kernel recordings (JSON on stdout).")
public final class FidelityCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "RECORDING",
      description = "A recording (fidelity/real-kernel format).")
  Path recording;

  @Parameters(index = "1", arity = "0..1", paramLabel = "SCENARIO",
      description = "The scenario that runs the recording's commands.")
  Path scenario;

  @Option(names = "--all", description = "Score every DIR/NAME.txt with DIR/NAME.conf.")
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
      if (!all) {
        if (scenario == null) {
          throw new ScenarioException("missing SCENARIO (the scenario that replays "
              + recording + ")");
        }
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

  private static FidelityScore score(Path recordingFile, Path scenarioFile,
      ScenarioLoader loader) {
    if (!Files.isRegularFile(recordingFile)) {
      throw new ScenarioException(recordingFile + ": no such recording");
    }
    Recording rec;
    try {
      rec = Recording.read(recordingFile);
    } catch (IllegalArgumentException e) {
      throw new ScenarioException(recordingFile + ": " + e.getMessage());
    }
    Scenario sc = loader.load(scenarioFile, null, null);
    Replay run = Replay.run(sc, loader);
    return FidelityScorer.score(rec, scenarioFile.toString(), run.log(), run.commands());
  }

  /** Every NAME.txt in {@code dir} that has a NAME.conf beside it, by name. */
  static List<Path[]> pairs(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ScenarioException("--dir " + dir + ": not a directory");
    }
    List<Path[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path txt : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
        Path conf = dir.resolve(txt.getFileName().toString().replaceFirst("\\.txt$", ".conf"));
        if (Files.isRegularFile(conf)) {
          out.add(new Path[] {txt, conf});
        } else {
          System.err.println("smpsim: " + txt + " has no scenario " + conf + ": not scored");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (out.isEmpty()) {
      throw new ScenarioException("--dir " + dir + ": no recording (NAME.txt) with a scenario"
          + " (NAME.conf)");
    }
    return out;
  }
}

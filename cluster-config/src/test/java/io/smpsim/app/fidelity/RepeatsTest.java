package io.smpsim.app.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.run.ScenarioRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The repeats in scenarios/fidelity/repeats are read as their recordings are: another boot of
 * the same script runs the same commands, however the console cut their lines.
 */
class RepeatsTest {

  /** A printk timestamp, which no scripted command line holds. */
  private static final Pattern PRINTK_STAMP = Pattern.compile("\\[\\s*\\d+\\.\\d{6}\\]");

  static List<String> repeats() throws IOException {
    try (Stream<Path> files = Files.list(ScenarioRun.scenario("fidelity").resolve("repeats"))) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".txt"))
          .sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repeats")
  void aRepeatRunsItsRecordingsCommands(String file) {
    Path dir = ScenarioRun.scenario("fidelity");
    Path recordingFile = dir.resolve(file.replaceFirst("_r\\d+\\.txt$", ".txt"));
    assertTrue(Files.isRegularFile(recordingFile), file + " repeats no recording");
    assertTrue(FidelityCommand.repeatsOf(dir, recordingFile)
        .contains(dir.resolve("repeats").resolve(file)));
    Recording recording = Recording.read(recordingFile);
    Recording repeat = Recording.read(dir.resolve("repeats").resolve(file));
    assertEquals(lines(recording), lines(repeat));
    for (Recording.RecordedCommand c : repeat.commands()) {
      assertFalse(PRINTK_STAMP.matcher(c.line()).find(), c.line());
    }
    assertFalse(repeat.dmesg().isEmpty());
  }

  private static List<String> lines(Recording r) {
    return r.commands().stream().map(c -> c.line() + " [rc=" + c.rc() + "]").toList();
  }
}

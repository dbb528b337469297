package io.smpsim.app.fidelity;

import io.smpsim.app.fidelity.KeyLines.KeyLine;
import io.smpsim.app.fidelity.Recording.RecordedCommand;
import io.smpsim.kernel.shell.CommandResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores smpsim's run of a scenario against a real-kernel recording of the same commands.
 *
 * <p>Both sides are reduced to key lines ({@link KeyLines}) and normalized
 * ({@link Normalizer}). In each stream, the recording's key lines and smpsim's are matched by
 * their longest common subsequence: a recorded line counts as matched when smpsim printed the
 * same normalized text in the same stream, in the same order relative to the other matched
 * lines of that stream. A missing line, an extra line or a line out of order within its
 * stream costs what it costs and no more; lines of different streams may interleave freely.
 * A recorded command is paired with smpsim's run of the same command line (the k-th run with
 * the k-th); smpsim's commands the recording does not have (its {@code inject} stimuli) are
 * not scored, nor are the recording's module loads ({@link KeyLines#stimulus}).
 */
public final class FidelityScorer {

  private FidelityScorer() {}

  /**
   * Scores {@code log} (smpsim's kernel log lines, without timestamps) and {@code commands}
   * (its timeline's results, in the order they finished) against {@code recording}.
   */
  public static FidelityScore score(Recording recording, String scenario, List<String> log,
      List<CommandResult> commands) {
    return match(recording.name(), scenario, keyLines(recording), keyLines(log, commands));
  }

  /**
   * Scores {@code other}, another recording of the same experiment, against {@code recording}
   * as if it were smpsim's run: what the real kernel reproduces of itself from one boot to the
   * next, the ceiling of any deterministic replay of noisy recordings.
   */
  public static FidelityScore score(Recording recording, Recording other) {
    return match(recording.name(), "recording " + other.name(), keyLines(recording),
        keyLines(other));
  }

  /**
   * Scores smpsim's run ({@code log}, {@code commands}) on the key lines of {@code recording}
   * that every one of {@code repeats} (recordings of the same experiment on other boots)
   * printed too: the kernel's behaviour without the run-to-run noise of the recordings'
   * emulator (which CPU a task was on, which CPUs an NMI caught awake, which delay loops a
   * busy host disturbed).
   */
  public static Reproducible reproducible(Recording recording, List<Recording> repeats,
      List<String> log, List<CommandResult> commands) {
    List<KeyLine> expected = keyLines(recording);
    boolean[] stable = new boolean[expected.size()];
    Arrays.fill(stable, true);
    for (Recording r : repeats) {
      boolean[] again = align(expected, keyLines(r)).expected();
      for (int i = 0; i < stable.length; i++) {
        stable[i] &= again[i];
      }
    }
    boolean[] simulated = align(expected, keyLines(log, commands)).expected();
    int keyLines = 0;
    int matched = 0;
    List<FidelityScore.Line> unmatched = new ArrayList<>();
    for (int i = 0; i < stable.length; i++) {
      if (stable[i]) {
        keyLines++;
        if (simulated[i]) {
          matched++;
        } else {
          unmatched.add(new FidelityScore.Line(expected.get(i).stream(), expected.get(i).text()));
        }
      }
    }
    return new Reproducible(repeats.stream().map(Recording::name).toList(), keyLines, matched,
        unmatched);
  }

  /** smpsim's key lines: its kernel log's, then its timeline commands'. */
  private static List<KeyLine> keyLines(List<String> log, List<CommandResult> commands) {
    List<KeyLine> actual = new ArrayList<>(KeyLines.kernel(log));
    Map<String, Integer> ran = new HashMap<>();
    for (CommandResult c : commands) {
      int k = ran.merge(c.line(), 1, Integer::sum);
      List<String> out = new ArrayList<>(lines(c.stdout()));
      out.addAll(lines(c.stderr()));
      actual.addAll(KeyLines.command(c.line(), k, out, c.exit()));
    }
    return actual;
  }

  /** A recording's key lines: its kernel log's, then its scripted commands' but stimuli. */
  private static List<KeyLine> keyLines(Recording recording) {
    List<KeyLine> out = new ArrayList<>(KeyLines.kernel(recording.dmesg()));
    Map<String, Integer> seen = new HashMap<>();
    for (RecordedCommand c : recording.commands()) {
      if (!KeyLines.stimulus(c.line())) {
        int k = seen.merge(c.line(), 1, Integer::sum);
        out.addAll(KeyLines.command(c.line(), k, c.output(), c.rc()));
      }
    }
    return out;
  }

  /** Matches key lines stream by stream (see the class comment). */
  static FidelityScore match(String recording, String scenario, List<KeyLine> expected,
      List<KeyLine> actual) {
    Alignment a = align(expected, actual);
    Map<String, List<Integer>> expectedByStream = byStream(expected);
    List<FidelityScore.Line> found = new ArrayList<>();
    List<FidelityScore.Line> unmatched = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      FidelityScore.Line l = new FidelityScore.Line(expected.get(i).stream(),
          expected.get(i).text());
      (a.expected()[i] ? found : unmatched).add(l);
    }
    List<FidelityScore.Line> extra = new ArrayList<>();
    for (int i = 0; i < actual.size(); i++) {
      KeyLine l = actual.get(i);
      // smpsim's commands that the recording never ran are its stimuli, not extra output.
      if (!a.actual()[i] && (!l.stream().startsWith("$ ")
          || expectedByStream.containsKey(l.stream()))) {
        extra.add(new FidelityScore.Line(l.stream(), l.text()));
      }
    }
    return new FidelityScore(recording, scenario, expected.size(), found.size(), found,
        unmatched, extra);
  }

  /** Which expected and which actual key lines the stream-by-stream alignment matched. */
  private record Alignment(boolean[] expected, boolean[] actual) {}

  private static Alignment align(List<KeyLine> expected, List<KeyLine> actual) {
    Map<String, List<Integer>> actualByStream = byStream(actual);
    boolean[] expectedMatched = new boolean[expected.size()];
    boolean[] actualMatched = new boolean[actual.size()];
    for (Map.Entry<String, List<Integer>> e : byStream(expected).entrySet()) {
      List<Integer> a = actualByStream.getOrDefault(e.getKey(), List.of());
      lcs(e.getValue(), expected, a, actual, expectedMatched, actualMatched);
    }
    return new Alignment(expectedMatched, actualMatched);
  }

  private static Map<String, List<Integer>> byStream(List<KeyLine> lines) {
    Map<String, List<Integer>> m = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      m.computeIfAbsent(lines.get(i).stream(), s -> new ArrayList<>()).add(i);
    }
    return m;
  }

  /** The longest common subsequence of two streams' texts; marks the matched lines. */
  private static int lcs(List<Integer> x, List<KeyLine> xs, List<Integer> y, List<KeyLine> ys,
      boolean[] xMatched, boolean[] yMatched) {
    int n = x.size();
    int m = y.size();
    int[][] len = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        len[i][j] = xs.get(x.get(i)).text().equals(ys.get(y.get(j)).text())
            ? len[i + 1][j + 1] + 1 : Math.max(len[i + 1][j], len[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      if (xs.get(x.get(i)).text().equals(ys.get(y.get(j)).text())) {
        xMatched[x.get(i)] = true;
        yMatched[y.get(j)] = true;
        i++;
        j++;
      } else if (len[i + 1][j] >= len[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    return len[0][0];
  }

  private static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return List.of(t.split("\n", -1));
  }
}

package io.smpsim.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.GoldenLog;
import io.smpsim.app.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import io.smpsim.kernel.shell.CommandResult;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped scenario against its golden files, byte for byte: {@code x.dmesg} is the kernel
 * log exactly as {@code smpsim run --quiet x.conf} prints it on stdout, and {@code x.out} what the
 * timeline's commands printed (only when they printed anything). A changed line is a changed
 * behaviour; the failure shows the differing log lines. Run with
 * {@code -Dsmpsim.updateGolden=true} to rewrite the files after an intended change.
 *
 * <p>Scenarios whose golden file another test already compares are not run twice (see
 * {@link #COMPARED_ELSEWHERE}); {@link #everyShippedScenarioHasAGoldenFile} still checks that
 * every scenario has one.
 */
class ShippedScenarioGoldensTest {

  private static final long S = 1_000_000_000L;

  /** Scenarios whose golden file another test compares, and that test. */
  private static final Map<String, String> COMPARED_ELSEWHERE = Map.ofEntries(
      Map.entry("boot.conf", "BootScenarioTest (boot.dmesg, on 1 and 3 nodes)"),
      Map.entry("tbf.conf", "NetScenariosTest"),
      Map.entry("htb.conf", "NetScenariosTest"),
      Map.entry("netem.conf", "NetScenariosTest"),
      Map.entry("mq.conf", "NetScenariosTest"),
      Map.entry("ingress.conf", "NetScenariosTest"),
      Map.entry("htb-10k-classes.conf", "NetScenariosTest"),
      Map.entry("dataplane/tbf.conf", "DataplaneReferenceScenariosTest"),
      Map.entry("dataplane/htb-root.conf", "DataplaneReferenceScenariosTest"),
      Map.entry("dataplane/htb-parent.conf", "DataplaneReferenceScenariosTest"),
      Map.entry("dataplane/noqueue.conf", "DataplaneReferenceScenariosTest"));

  /**
   * Scenarios with no kernel at all: PHOLD is the engine's benchmark model, it prints nothing;
   * loadtests' PholdDeterminismTest checks its trace.
   */
  private static final List<String> NO_KERNEL = List.of("phold.conf");

  /**
   * Scenarios too long for the default suite, compared over their first simulated stretch: the
   * golden file is still the whole run's log, and the shortened run must print exactly its lines
   * up to the cut. dynticks-idle.conf simulates an hour (minutes of wall time).
   */
  private static final Map<String, Long> SHORTENED = Map.of("dynticks-idle.conf", 60 * S);

  @RegisterExtension
  static final SharedCluster CLUSTER = new SharedCluster(Duration.ofMinutes(5));

  private static Path scenarios() {
    return GoldenLog.repoRoot().resolve("scenarios");
  }

  /** Every *.conf under scenarios/, as a path relative to it ("dataplane/tbf.conf"). */
  static List<String> shipped() {
    try (Stream<Path> files = Files.walk(scenarios())) {
      return files.filter(p -> p.toString().endsWith(".conf"))
          .map(p -> scenarios().relativize(p).toString().replace('\\', '/'))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> comparedHere() {
    return shipped().stream()
        .filter(s -> !COMPARED_ELSEWHERE.containsKey(s) && !NO_KERNEL.contains(s)).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("comparedHere")
  void kernelLogAndCommandOutputMatchTheGoldenFiles(String name) {
    Long cut = SHORTENED.get(name);
    Scenario sc = CLUSTER.loader().load(scenarios().resolve(name), null, cut);
    ScenarioRun r = CLUSTER.run(sc);
    // A fidelity replay expects what the recorded kernel answered; where smpsim answers
    // otherwise is the gap `smpsim fidelity` scores, not a broken scenario.
    boolean replay = name.startsWith("fidelity/");
    for (io.smpsim.kernel.shell.CommandResult c : replay ? List.<CommandResult>of() : r.commands()) {
      assertTrue(sc.expectation(c.requestId()).met(c.exit()), () -> name + ": '" + c.line()
          + "' exited " + c.exit() + ", expected " + sc.expectation(c.requestId()).describe()
          + ": a shipped scenario marks its deliberate errors (expect = fail)");
    }
    Path dmesg = golden(name, ".dmesg");
    if (cut == null) {
      GoldenLog.assertMatches(dmesg, r.kernelLog());
      String transcript = r.transcript();
      Path out = golden(name, ".out");
      if (!transcript.isEmpty() || Files.exists(out)) {
        GoldenLog.assertMatches(out, transcript);
      }
    } else {
      assertTrue(Files.exists(dmesg), "no golden log " + dmesg
          + "; record it with bin/smpsim run scenarios/" + name);
      GoldenLog.assertSameLog(dmesg + " (its first " + cut / S + " s)", before(read(dmesg), cut),
          before(r.kernelLog(), cut));
    }
  }

  @Test
  void everyShippedScenarioHasAGoldenFile() {
    List<String> missing = new ArrayList<>();
    for (String name : shipped()) {
      if (NO_KERNEL.contains(name)) {
        continue;
      }
      if (!Files.exists(golden(name, ".dmesg")) && !Files.exists(golden(name, ".out"))) {
        missing.add(name);
      }
    }
    assertEquals(List.of(), missing, "scenarios without a golden .dmesg or .out");
    for (String name : COMPARED_ELSEWHERE.keySet()) {
      assertTrue(shipped().contains(name), name + " is no longer shipped");
    }
  }

  private static Path golden(String name, String ext) {
    return scenarios().resolve(name.replaceAll("\\.conf$", ext));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Pattern STAMP = Pattern.compile("\\[\\s*(\\d+)\\.(\\d{6})\\]");

  /** The lines of a dmesg text stamped before {@code cutNs}. */
  static String before(String log, long cutNs) {
    return log.lines().filter(l -> {
      Matcher m = STAMP.matcher(l);
      if (!m.find()) {
        throw new AssertionError("no timestamp in log line: " + l);
      }
      long ns = Long.parseLong(m.group(1)) * S + Long.parseLong(m.group(2)) * 1000;
      return ns < cutNs;
    }).map(l -> l + "\n").collect(Collectors.joining());
  }
}

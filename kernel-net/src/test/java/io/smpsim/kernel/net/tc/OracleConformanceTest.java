package io.smpsim.kernel.net.tc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.kernel.net.NetCommandResult;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetNamespace;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every recorded case of the tc oracle (src/test/resources/oracle/tc/cases) against
 * the simulated network stack and compares exit codes, stderr verbatim and normalised stdout
 * of every step, then the final views of every device and its link state.
 *
 * <p>Kernel-config-dependent cases were recorded on a kernel without prio, netem, sfq,
 * fq_codel and multiq. For them iproute2's own parse errors (rc 1/255) and every step that
 * does not involve those kinds are compared verbatim; a step that the recording kernel refused
 * only because the kind was not compiled in is skipped in the replay (accepting it would
 * change the state the later steps were recorded against) and is instead run on a fresh copy
 * of the case's setup, where it must succeed as on a full kernel (or fail as a full kernel
 * does: prio takes 2 to 16 bands, multiq needs a multiqueue
 * device) and leave a qdisc of that kind in the views.
 */
class OracleConformanceTest {

  /** Kinds the recording kernel lacked and smpsim models like a distribution kernel. */
  private static final Set<String> MODELLED_MISSING = Set.of("prio", "netem", "sfq", "fq_codel",
      "multiq");
  private static final String UNKNOWN_KIND = "Error: Specified qdisc kind is unknown.\n";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<CommandRunner> runners = () -> new SimulatedNetRunner(42);
  private int casesPassed;
  private int casesRun;
  private int stepsPassed;
  private int stepsRun;
  private int fullKernelSteps;

  static Path casesDir(String dir) throws URISyntaxException {
    URL url = OracleConformanceTest.class.getClassLoader().getResource(dir);
    if (url == null) {
      throw new IllegalStateException("oracle cases missing from test resources");
    }
    return Paths.get(url.toURI());
  }

  @TestFactory
  Stream<DynamicTest> oracleCases() throws IOException, URISyntaxException {
    return casesIn("oracle/tc/cases", "tc oracle conformance");
  }

  /**
   * Further cases recorded with the oracle's record.py on the same kernel and iproute2 as the
   * public corpus, covering the README's behaviours the public cases do not exercise.
   */
  @TestFactory
  Stream<DynamicTest> locallyRecordedCases() throws IOException, URISyntaxException {
    return casesIn("oracle/tc/local-cases", "tc locally recorded conformance");
  }

  /**
   * The siblings of the public cases, one or more per area, recorded with record.py on the
   * recording kernel (more-cases/README.md).
   */
  @TestFactory
  Stream<DynamicTest> moreRecordedCases() throws IOException, URISyntaxException {
    return casesIn("oracle/tc/more-cases", "tc more recorded conformance");
  }

  /**
   * Where the recorder found the kernel's global auto-handle counter before the case (the
   * major its helper namespace was handed), or 0x8000, a fresh kernel's, if it has none.
   */
  static int autohandleBase(JsonNode result) {
    JsonNode base = result.path("autohandle").path("base");
    return base.isTextual() ? Integer.parseInt(base.asText().replace(":", ""), 16) : 0x8000;
  }

  private Stream<DynamicTest> casesIn(String dir, String label)
      throws IOException, URISyntaxException {
    List<Path> results;
    try (Stream<Path> files = Files.list(casesDir(dir))) {
      results = files.filter(p -> p.toString().endsWith(".result.json")).sorted()
          .collect(Collectors.toList());
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Path p : results) {
      JsonNode r = JSON.readTree(p.toFile());
      tests.add(DynamicTest.dynamicTest(r.get("name").asText(), () -> runCase(r)));
    }
    int total = results.size();
    tests.add(DynamicTest.dynamicTest("summary", () -> {
      System.out.println(label + ": " + casesPassed + "/" + total + " cases, "
          + stepsPassed + "/" + stepsRun + " steps");
      System.out.println(label + ": " + fullKernelSteps + " steps the recording kernel refused "
          + "for a missing qdisc kind were checked on a fresh setup as a full kernel answers");
      assertEquals(total, casesRun, "every case ran");
      assertEquals(casesRun, casesPassed, "every case passed");
    }));
    return tests.stream();
  }

  private static List<String> lines(JsonNode arr) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : arr) {
      out.add(n.isObject() ? n.get("cmd").asText() : n.asText());
    }
    return out;
  }

  private static boolean skippedForConfig(JsonNode step, boolean kcd) {
    if (!kcd || step.get("rc").asInt() != 2 || !UNKNOWN_KIND.equals(step.get("stderr").asText())) {
      return false;
    }
    return Shlex.split(step.get("cmd").asText()).stream().anyMatch(MODELLED_MISSING::contains);
  }

  private void runCase(JsonNode r) {
    casesRun++;
    JsonNode c = r.get("case");
    boolean kcd = c.path("kernel_config_dependent").asBoolean(false);
    List<String> setup = lines(c.get("setup"));
    List<String> all = new ArrayList<>(setup);
    all.addAll(lines(c.get("commands")));
    Set<Integer> explicit = OracleNormalizer.explicitMajors(all);
    SimulatedNetRunner runner = (SimulatedNetRunner) runners.get();
    // The counter decides the hash bucket, so the dump order, of every auto-handled qdisc.
    int base = autohandleBase(r);
    runner.run(String.format("@autohandle %x:", base));
    List<String> failures = new ArrayList<>();
    for (JsonNode s : r.get("setup")) {
      NetCommandResult res = runner.run(s.get("cmd").asText());
      if (res.exit() != s.get("rc").asInt()) {
        failures.add("setup " + s.get("cmd").asText() + ": rc " + res.exit() + " " + res.stderr());
      }
    }
    for (JsonNode s : r.get("steps")) {
      String cmd = s.get("cmd").asText();
      if (skippedForConfig(s, kcd)) {
        fullKernelSteps++;
        checkOnFullKernel(setup, cmd, failures);
        continue;
      }
      stepsRun++;
      NetCommandResult res = runner.run(cmd);
      String diff = compare(res, s, runner, base, explicit);
      if (diff == null) {
        stepsPassed++;
      } else {
        failures.add("step `" + cmd + "`: " + diff);
      }
    }
    Iterator<Map.Entry<String, JsonNode>> devs = r.get("final").fields();
    while (devs.hasNext()) {
      Map.Entry<String, JsonNode> e = devs.next();
      compareLink(runner.stack().namespace(), e.getKey(), e.getValue().get("link"), failures);
      for (String view : List.of("qdisc", "qdisc_stats", "class", "qdisc_json", "class_json",
          "qdisc_invisible", "qdisc_details")) {
        JsonNode v = e.getValue().get(view);
        NetCommandResult res = runner.run(v.get("cmd").asText());
        String diff = compare(res, v, runner, base, explicit);
        if (diff != null) {
          failures.add("final " + e.getKey() + " " + view + ": " + diff);
        }
      }
    }
    if (!failures.isEmpty()) {
      fail(String.join("\n", failures));
    }
    casesPassed++;
  }

  private static String compare(NetCommandResult res, JsonNode rec, SimulatedNetRunner runner,
      int base, Set<Integer> explicit) {
    int after = runner.stack().namespace().lastAutohandleMajor();
    String got = OracleNormalizer.normalize(res.stdout(), base, after, explicit);
    String want = rec.get("stdout_norm").asText();
    if (res.exit() != rec.get("rc").asInt()) {
      return "rc " + res.exit() + " != " + rec.get("rc").asInt() + "; stderr=" + res.stderr();
    }
    if (!res.stderr().equals(rec.get("stderr").asText())) {
      return "stderr\n--- got\n" + res.stderr() + "--- want\n" + rec.get("stderr").asText();
    }
    if (!got.equals(want)) {
      return "stdout\n--- got\n" + got + "\n--- want\n" + want;
    }
    return null;
  }

  private static void compareLink(NetNamespace ns, String name, JsonNode link,
      List<String> failures) {
    NetDevice d = ns.device(name);
    if (link == null || link.isNull()) {
      if (d != null) {
        failures.add("link " + name + " exists but the recording has none");
      }
      return;
    }
    if (d == null) {
      failures.add("link " + name + " missing");
      return;
    }
    List<String> flags = new ArrayList<>();
    link.get("flags").forEach(f -> flags.add(f.asText()));
    String kind = d.kind().linkKind();
    String want = link.get("ifindex").asInt() + " " + flags + " " + link.get("operstate").asText()
        + " " + link.get("qdisc").asText() + " " + link.get("txqlen").asInt() + " "
        + link.get("num_tx_queues").asInt() + " " + link.get("num_rx_queues").asInt() + " "
        + link.get("mtu").asInt() + " " + (link.get("kind").isNull() ? "null"
            : link.get("kind").asText());
    String got = d.ifindex() + " " + Arrays.asList(IpAddress.flags(ns, d).split(",")) + " "
        + IpAddress.operstate(ns, d) + " " + d.qdisc().kind() + " " + d.txQueueLen() + " "
        + d.numTxQueues() + " " + d.numRxQueues() + " " + d.mtu() + " "
        + (kind == null ? "null" : kind);
    if (!got.equals(want)) {
      failures.add("link " + name + ": got " + got + " want " + want);
    }
  }

  /** prio_tune() refuses fewer than 2 or more than 16 bands (TCQ_{MIN_,}PRIO_BANDS). */
  private static boolean prioBandsOutOfRange(List<String> argv) {
    int i = argv.indexOf("bands");
    if (!argv.contains("prio") || i < 0 || i + 1 >= argv.size()) {
      return false;
    }
    try {
      int bands = Integer.parseInt(argv.get(i + 1));
      return bands < 2 || bands > 16;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * A step the recording kernel refused for lack of the qdisc kind, replayed on a fresh copy
   * of the setup: a full kernel accepts it, and the qdisc shows up in the views.
   */
  private void checkOnFullKernel(List<String> setup, String cmd, List<String> failures) {
    SimulatedNetRunner fresh = new SimulatedNetRunner(42);
    setup.forEach(fresh::run);
    NetCommandResult res = fresh.run(cmd);
    List<String> argv = Shlex.split(cmd);
    String kind = argv.stream().filter(MODELLED_MISSING::contains).findFirst().orElseThrow();
    String dev = argv.get(argv.indexOf("dev") + 1);
    String refusal = null;
    if (prioBandsOutOfRange(argv)) {
      refusal = "RTNETLINK answers: Invalid argument\n";
    } else if (kind.equals("multiq")
        && fresh.stack().namespace().device(dev).numTxQueues() == 1) {
      refusal = "RTNETLINK answers: Operation not supported\n";
    }
    if (refusal != null) {
      if (res.exit() != 2 || !res.stderr().equals(refusal)) {
        failures.add("full-kernel `" + cmd + "`: want " + refusal + " got rc " + res.exit() + " "
            + res.stderr());
      }
      return;
    }
    if (res.exit() != 0 || !res.stderr().isEmpty()) {
      failures.add("full-kernel `" + cmd + "`: rc " + res.exit() + " " + res.stderr());
      return;
    }
    NetCommandResult show = fresh.run("tc qdisc show dev " + dev);
    NetCommandResult json = fresh.run("tc -j qdisc show dev " + dev);
    NetCommandResult stats = fresh.run("tc -s qdisc show dev " + dev);
    boolean ok = show.stdout().startsWith("qdisc " + kind + " ")
        && json.stdout().startsWith("[{\"kind\":\"" + kind + "\"")
        && stats.stdout().contains(" Sent 0 bytes 0 pkt (dropped 0, overlimits 0 requeues 0)");
    try {
      JSON.readTree(json.stdout());
    } catch (IOException e) {
      ok = false;
    }
    if (!ok) {
      failures.add("full-kernel `" + cmd + "`: views inconsistent:\n" + show.stdout()
          + json.stdout() + stats.stdout());
    }
  }
}

package io.smpsim.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.kernel.net.NetCommandResult;
import io.smpsim.kernel.net.tc.OracleNormalizer;
import io.smpsim.kernel.net.tc.Shlex;
import io.smpsim.sim.engine.EmbeddedCluster;
import io.smpsim.sim.engine.RunClient;
import io.smpsim.sim.testing.SerializationErrors;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The tc oracle's recorded cases typed into the simulated shell, as {@code smpsim shell --batch
 * --json} runs them: every case on a fresh 2-CPU machine without NICs (the recording VM had 2
 * CPUs, which sets a veth's default queue count), booted as a new run on one shared embedded
 * cluster. Setup, commands and the final views go through the machine's shell to its network
 * namespace entity; exit codes, stderr verbatim and normalised stdout are compared with the
 * real kernel's, and so is each device's {@code ip link show} line.
 *
 * <p>As in the pure-model test, a step the recording kernel refused only because it lacked the
 * qdisc kind (prio, netem, sfq, fq_codel, multiq) is not replayed in sequence; it is run on a
 * fresh machine after the case's setup, where it must behave as a full kernel does.
 */
class ShellOracleConformanceTest {

  private static final String MACHINE = "seed = 42\nduration = 1h\n"
      + "machines = [ { name = m0, cpus = 2 } ]\n";
  private static final Set<String> MODELLED_MISSING = Set.of("prio", "netem", "sfq", "fq_codel",
      "multiq");
  private static final String UNKNOWN_KIND = "Error: Specified qdisc kind is unknown.\n";
  private static final Pattern LINK = Pattern.compile(
      "^(\\d+): [^:@]+(?:@\\S+)?: <([^>]*)> mtu (\\d+) qdisc (\\S+) state (\\S+) [^\n]*?"
          + "(?: qlen (\\d+))?\n");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final ScenarioLoader LOADER = new ScenarioLoader();
  private static Scenario scenario;
  private static EmbeddedCluster cluster;
  private static RunClient client;

  private int casesPassed;
  private int casesRun;
  private int stepsPassed;
  private int stepsRun;
  private int fullKernelSteps;

  @BeforeAll
  static void startCluster() {
    scenario = LOADER.load(MACHINE, "oracle-machine.conf", null, null);
    cluster = EmbeddedCluster.start(1, ConfigFactory.empty(), Simulation.factories(LOADER),
        Duration.ofMinutes(2));
    client = cluster.client(Duration.ofMinutes(2));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static BatchShell freshMachine() {
    return new BatchShell(cluster, client, scenario, LOADER);
  }

  @TestFactory
  Stream<DynamicTest> oracleCasesThroughTheShell() throws IOException, URISyntaxException {
    return casesIn("oracle/tc/cases", "tc oracle conformance through the shell");
  }

  /** The cases recorded locally with the oracle's record.py on the same kernel. */
  @TestFactory
  Stream<DynamicTest> locallyRecordedCasesThroughTheShell()
      throws IOException, URISyntaxException {
    return casesIn("oracle/tc/local-cases", "tc locally recorded conformance through the shell");
  }

  /** The siblings of the public cases recorded with record.py on the same kernel. */
  @TestFactory
  Stream<DynamicTest> moreRecordedCasesThroughTheShell() throws IOException, URISyntaxException {
    return casesIn("oracle/tc/more-cases", "tc more recorded conformance through the shell");
  }

  /**
   * Where the recorder found the kernel's global auto-handle counter before the case, or
   * 0x8000, a fresh kernel's.
   */
  private static int autohandleBase(JsonNode result) {
    JsonNode base = result.path("autohandle").path("base");
    return base.isTextual() ? Integer.parseInt(base.asText().replace(":", ""), 16) : 0x8000;
  }

  private Stream<DynamicTest> casesIn(String dir, String label)
      throws IOException, URISyntaxException {
    URL url = getClass().getClassLoader().getResource(dir);
    if (url == null) {
      throw new IllegalStateException("the oracle cases are missing from the kernel test jar");
    }
    List<JsonNode> results = readCases(url.toURI());
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode r : results) {
      tests.add(DynamicTest.dynamicTest(r.get("name").asText(), () -> runCase(r)));
    }
    tests.add(DynamicTest.dynamicTest("summary", () -> {
      System.out.println(label + ": " + casesPassed + "/"
          + results.size() + " cases, " + stepsPassed + "/" + stepsRun + " steps, "
          + fullKernelSteps + " full-kernel steps checked on fresh machines");
      assertEquals(results.size(), casesRun, "every case ran");
      assertEquals(casesRun, casesPassed, "every case passed");
      SerializationErrors.assertNone();
    }));
    return tests.stream();
  }

  /** The recorded results in {@code dir}, by file name: a directory, or one inside a jar. */
  private static List<JsonNode> readCases(URI dir) throws IOException {
    if (!dir.getScheme().equals("jar")) {
      return readCases(Paths.get(dir));
    }
    try (FileSystem jar = FileSystems.newFileSystem(dir, Map.of())) {
      return readCases(jar.provider().getPath(dir));
    }
  }

  private static List<JsonNode> readCases(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".result.json"))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    }
    List<JsonNode> out = new ArrayList<>();
    for (Path f : files) {
      out.add(JSON.readTree(Files.readAllBytes(f)));
    }
    return out;
  }

  private static List<String> commands(JsonNode arr) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : arr) {
      out.add(n.isObject() ? n.get("cmd").asText() : n.asText());
    }
    return out;
  }

  private static boolean refusedForConfig(JsonNode step, boolean kcd) {
    if (!kcd || step.get("rc").asInt() != 2
        || !UNKNOWN_KIND.equals(step.get("stderr").asText())) {
      return false;
    }
    return Shlex.split(step.get("cmd").asText()).stream().anyMatch(MODELLED_MISSING::contains);
  }

  private void runCase(JsonNode r) {
    casesRun++;
    JsonNode c = r.get("case");
    boolean kcd = c.path("kernel_config_dependent").asBoolean(false);
    List<String> setup = commands(c.get("setup"));
    List<String> all = new ArrayList<>(setup);
    all.addAll(commands(c.get("commands")));
    Set<Integer> explicit = OracleNormalizer.explicitMajors(all);
    List<String> failures = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    int base = autohandleBase(r);
    try (BatchShell shell = freshMachine()) {
      // The counter decides the hash bucket, so the dump order, of every auto-handled qdisc.
      shell.run(String.format("@autohandle %x:", base));
      for (JsonNode s : r.get("setup")) {
        NetCommandResult res = shell.run(s.get("cmd").asText());
        if (res.exit() != s.get("rc").asInt()) {
          failures.add("setup " + s.get("cmd").asText() + ": rc " + res.exit() + " "
              + res.stderr());
        }
      }
      for (JsonNode s : r.get("steps")) {
        String cmd = s.get("cmd").asText();
        if (refusedForConfig(s, kcd)) {
          refused.add(cmd);
          continue;
        }
        stepsRun++;
        String diff = compare(shell.run(cmd), s, base, explicit);
        if (diff == null) {
          stepsPassed++;
        } else {
          failures.add("step `" + cmd + "`: " + diff);
        }
      }
      Iterator<Map.Entry<String, JsonNode>> devs = r.get("final").fields();
      while (devs.hasNext()) {
        Map.Entry<String, JsonNode> e = devs.next();
        compareLink(shell, e.getKey(), e.getValue().get("link"), failures);
        for (String view : List.of("qdisc", "qdisc_stats", "class", "qdisc_json", "class_json",
            "qdisc_invisible", "qdisc_details")) {
          JsonNode v = e.getValue().get(view);
          String diff = compare(shell.run(v.get("cmd").asText()), v, base, explicit);
          if (diff != null) {
            failures.add("final " + e.getKey() + " " + view + ": " + diff);
          }
        }
      }
    }
    for (String cmd : refused) {
      fullKernelSteps++;
      checkOnFullKernel(setup, cmd, failures);
    }
    if (!failures.isEmpty()) {
      fail(String.join("\n", failures));
    }
    casesPassed++;
  }

  /**
   * Compares one answer with the recording. The machine's auto handles start after
   * {@code base}, as the recording kernel's did, and are renumbered the same way.
   */
  private static String compare(NetCommandResult res, JsonNode rec, int base,
      Set<Integer> explicit) {
    String got = OracleNormalizer.normalize(res.stdout(), base, 0xfffe, explicit);
    if (res.exit() != rec.get("rc").asInt()) {
      return "rc " + res.exit() + " != " + rec.get("rc").asInt() + "; stderr=" + res.stderr();
    }
    if (!res.stderr().equals(rec.get("stderr").asText())) {
      return "stderr\n--- got\n" + res.stderr() + "--- want\n" + rec.get("stderr").asText();
    }
    String want = rec.get("stdout_norm").asText();
    if (!got.equals(want)) {
      return "stdout\n--- got\n" + got + "\n--- want\n" + want;
    }
    return null;
  }

  /** {@code ip link show dev D}: ifindex, flags, mtu, qdisc, state and qlen as recorded. */
  private static void compareLink(BatchShell shell, String dev, JsonNode link,
      List<String> failures) {
    NetCommandResult res = shell.run("ip link show dev " + dev);
    if (link == null || link.isNull()) {
      if (res.exit() == 0) {
        failures.add("link " + dev + " exists but the recording has none");
      }
      return;
    }
    Matcher m = LINK.matcher(res.stdout());
    if (res.exit() != 0 || !m.find()) {
      failures.add("link " + dev + ": rc " + res.exit() + " " + res.stdout() + res.stderr());
      return;
    }
    List<String> flags = new ArrayList<>();
    link.get("flags").forEach(f -> flags.add(f.asText()));
    String want = link.get("ifindex").asInt() + " " + String.join(",", flags) + " "
        + link.get("mtu").asInt() + " " + link.get("qdisc").asText() + " "
        + link.get("operstate").asText() + " " + link.get("txqlen").asInt();
    String got = m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4) + " "
        + m.group(5) + " " + (m.group(6) == null ? "0" : m.group(6));
    if (!got.equals(want)) {
      failures.add("link " + dev + ": got " + got + " want " + want);
    }
  }

  /** The TX queues the setup gave {@code dev} (a veth defaults to one per possible CPU). */
  private static int txQueues(List<String> setup, String dev) {
    Pattern p = Pattern.compile("(?:^ip link add|peer name) " + Pattern.quote(dev)
        + " numtxqueues (\\d+)");
    for (String line : setup) {
      Matcher m = p.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    return 2;
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
   * A step the recording kernel refused for lack of the qdisc kind, on a fresh machine after
   * the case's setup: a full kernel accepts it (prio refuses 1 band, multiq a single-queue
   * device) and the qdisc shows in the views.
   */
  private static void checkOnFullKernel(List<String> setup, String cmd, List<String> failures) {
    try (BatchShell shell = freshMachine()) {
      setup.forEach(shell::run);
      NetCommandResult res = shell.run(cmd);
      List<String> argv = Shlex.split(cmd);
      String kind = argv.stream().filter(MODELLED_MISSING::contains).findFirst().orElseThrow();
      String dev = argv.get(argv.indexOf("dev") + 1);
      String refusal = null;
      if (prioBandsOutOfRange(argv)) {
        refusal = "RTNETLINK answers: Invalid argument\n";
      } else if (kind.equals("multiq") && txQueues(setup, dev) == 1) {
        refusal = "RTNETLINK answers: Operation not supported\n";
      }
      if (refusal != null) {
        if (res.exit() != 2 || !res.stderr().equals(refusal)) {
          failures.add("full-kernel `" + cmd + "`: want " + refusal + " got rc " + res.exit()
              + " " + res.stderr());
        }
        return;
      }
      if (res.exit() != 0 || !res.stderr().isEmpty()) {
        failures.add("full-kernel `" + cmd + "`: rc " + res.exit() + " " + res.stderr());
        return;
      }
      String show = shell.run("tc qdisc show dev " + dev).stdout();
      String json = shell.run("tc -j qdisc show dev " + dev).stdout();
      String stats = shell.run("tc -s qdisc show dev " + dev).stdout();
      boolean ok = show.startsWith("qdisc " + kind + " ")
          && json.startsWith("[{\"kind\":\"" + kind + "\"")
          && stats.contains(" Sent 0 bytes 0 pkt (dropped 0, overlimits 0 requeues 0)");
      if (!ok) {
        failures.add("full-kernel `" + cmd + "`: views inconsistent:\n" + show + json + stats);
      }
    }
  }
}

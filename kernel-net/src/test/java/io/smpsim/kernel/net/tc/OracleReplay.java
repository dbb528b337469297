package io.smpsim.kernel.net.tc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.kernel.net.NetCommandResult;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Replays the tc oracle's recorded cases on simulated machines and compares exit codes, stderr
 * verbatim and normalised stdout of every step, then the final views of every device and its
 * link state. The same replay serves the network model alone (kernel-net) and the whole machine
 * through its shell (cluster-config); only the {@link Machine} differs.
 *
 * <p>Kernel-config-dependent cases were recorded on a kernel without prio, netem, sfq,
 * fq_codel and multiq. For them iproute2's own parse errors (rc 1/255) and every step that does
 * not involve those kinds are compared verbatim; a step that the recording kernel refused only
 * because the kind was not compiled in is skipped in the replay (accepting it would change the
 * state the later steps were recorded against) and is instead run on a fresh machine after the
 * case's setup, where it must succeed as on a full kernel (or fail as a full kernel does: prio
 * takes 2 to 16 bands, multiq needs a multiqueue device) and leave a qdisc of that kind in the
 * views.
 */
public final class OracleReplay {

  /** A fresh simulated machine the commands of one case run on. */
  public interface Machine extends CommandRunner, AutoCloseable {

    /** Compares device {@code dev}'s link with the recording's {@code link} (null: none). */
    void compareLink(String dev, JsonNode link, List<String> failures);

    /** The auto-handle major the machine handed out last, where normalisation stops. */
    int lastAutohandleMajor();

    /** The TX queues of device {@code dev}, which the case's {@code setup} made. */
    int txQueues(String dev, List<String> setup);

    @Override
    void close();
  }

  /** Kinds the recording kernel lacked and smpsim models like a distribution kernel. */
  private static final Set<String> MODELLED_MISSING = Set.of("prio", "netem", "sfq", "fq_codel",
      "multiq");
  private static final String UNKNOWN_KIND = "Error: Specified qdisc kind is unknown.\n";
  private static final List<String> VIEWS = List.of("qdisc", "qdisc_stats", "class",
      "qdisc_json", "class_json", "qdisc_invisible", "qdisc_details");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<Machine> machines;
  private final Runnable afterAll;
  private int casesPassed;
  private int casesRun;
  private int stepsPassed;
  private int stepsRun;
  private int fullKernelSteps;

  /**
   * @param machines makes a fresh machine for each case and each full-kernel check
   * @param afterAll what the summary checks besides every case having passed
   */
  public OracleReplay(Supplier<Machine> machines, Runnable afterAll) {
    this.machines = machines;
    this.afterAll = afterAll;
  }

  /** One test per recorded case in the test resources' {@code dir}, then a summary. */
  public Stream<DynamicTest> casesIn(String dir, String label)
      throws IOException, URISyntaxException {
    URL url = OracleReplay.class.getClassLoader().getResource(dir);
    if (url == null) {
      throw new IllegalStateException("the oracle cases " + dir + " are missing");
    }
    List<JsonNode> results = readCases(url.toURI());
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode r : results) {
      tests.add(DynamicTest.dynamicTest(r.get("name").asText(), () -> runCase(r)));
    }
    tests.add(DynamicTest.dynamicTest("summary", () -> {
      System.out.println(label + ": " + casesPassed + "/" + results.size() + " cases, "
          + stepsPassed + "/" + stepsRun + " steps, " + fullKernelSteps
          + " steps the recording kernel refused for a missing qdisc kind checked on a fresh"
          + " setup as a full kernel answers");
      assertEquals(results.size(), casesRun, "every case ran");
      assertEquals(casesRun, casesPassed, "every case passed");
      afterAll.run();
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

  /**
   * Where the recorder found the kernel's global auto-handle counter before the case (the
   * major its helper namespace was handed), or 0x8000, a fresh kernel's, if it has none.
   */
  static int autohandleBase(JsonNode result) {
    JsonNode base = result.path("autohandle").path("base");
    return base.isTextual() ? Integer.parseInt(base.asText().replace(":", ""), 16) : 0x8000;
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
    try (Machine m = machines.get()) {
      // The counter decides the hash bucket, so the dump order, of every auto-handled qdisc.
      m.run(String.format("@autohandle %x:", base));
      for (JsonNode s : r.get("setup")) {
        NetCommandResult res = m.run(s.get("cmd").asText());
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
        String diff = compare(m, m.run(cmd), s, base, explicit);
        if (diff == null) {
          stepsPassed++;
        } else {
          failures.add("step `" + cmd + "`: " + diff);
        }
      }
      Iterator<Map.Entry<String, JsonNode>> devs = r.get("final").fields();
      while (devs.hasNext()) {
        Map.Entry<String, JsonNode> e = devs.next();
        m.compareLink(e.getKey(), e.getValue().get("link"), failures);
        for (String view : VIEWS) {
          JsonNode v = e.getValue().get(view);
          String diff = compare(m, m.run(v.get("cmd").asText()), v, base, explicit);
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
  private static String compare(Machine m, NetCommandResult res, JsonNode rec, int base,
      Set<Integer> explicit) {
    String got = OracleNormalizer.normalize(res.stdout(), base, m.lastAutohandleMajor(),
        explicit);
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
  private void checkOnFullKernel(List<String> setup, String cmd, List<String> failures) {
    try (Machine m = machines.get()) {
      setup.forEach(m::run);
      NetCommandResult res = m.run(cmd);
      List<String> argv = Shlex.split(cmd);
      String kind = argv.stream().filter(MODELLED_MISSING::contains).findFirst().orElseThrow();
      String dev = argv.get(argv.indexOf("dev") + 1);
      String refusal = null;
      if (prioBandsOutOfRange(argv)) {
        refusal = "RTNETLINK answers: Invalid argument\n";
      } else if (kind.equals("multiq") && m.txQueues(dev, setup) == 1) {
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
      String show = m.run("tc qdisc show dev " + dev).stdout();
      String json = m.run("tc -j qdisc show dev " + dev).stdout();
      String stats = m.run("tc -s qdisc show dev " + dev).stdout();
      boolean ok = show.startsWith("qdisc " + kind + " ")
          && json.startsWith("[{\"kind\":\"" + kind + "\"")
          && stats.contains(" Sent 0 bytes 0 pkt (dropped 0, overlimits 0 requeues 0)");
      try {
        JSON.readTree(json);
      } catch (IOException e) {
        ok = false;
      }
      if (!ok) {
        failures.add("full-kernel `" + cmd + "`: views inconsistent:\n" + show + json + stats);
      }
    }
  }
}

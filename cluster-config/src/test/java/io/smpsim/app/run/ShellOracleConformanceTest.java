package io.smpsim.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.kernel.net.NetCommandResult;
import io.smpsim.kernel.net.tc.OracleReplay;
import io.smpsim.sim.engine.EmbeddedCluster;
import io.smpsim.sim.engine.RunClient;
import io.smpsim.sim.testing.SerializationErrors;
import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  private static final Pattern LINK = Pattern.compile(
      "^(\\d+): [^:@]+(?:@\\S+)?: <([^>]*)> mtu (\\d+) qdisc (\\S+) state (\\S+) [^\n]*?"
          + "(?: qlen (\\d+))?\n");

  private static final ScenarioLoader LOADER = new ScenarioLoader();
  private static Scenario scenario;
  private static EmbeddedCluster cluster;
  private static RunClient client;

  private final OracleReplay replay = new OracleReplay(ShellMachine::new,
      SerializationErrors::assertNone);

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

  @TestFactory
  Stream<DynamicTest> oracleCasesThroughTheShell() throws IOException, URISyntaxException {
    return replay.casesIn("oracle/tc/cases", "tc oracle conformance through the shell");
  }

  /** The cases recorded locally with the oracle's record.py on the same kernel. */
  @TestFactory
  Stream<DynamicTest> locallyRecordedCasesThroughTheShell()
      throws IOException, URISyntaxException {
    return replay.casesIn("oracle/tc/local-cases",
        "tc locally recorded conformance through the shell");
  }

  /** The siblings of the public cases recorded with record.py on the same kernel. */
  @TestFactory
  Stream<DynamicTest> moreRecordedCasesThroughTheShell() throws IOException, URISyntaxException {
    return replay.casesIn("oracle/tc/more-cases",
        "tc more recorded conformance through the shell");
  }

  /** A fresh machine booted on the shared cluster, its shell in batch mode. */
  private static final class ShellMachine implements OracleReplay.Machine {
    private final BatchShell shell = new BatchShell(cluster, client, scenario, LOADER);

    @Override
    public NetCommandResult run(String line) {
      return shell.run(line);
    }

    /** The machine's auto handles are renumbered up to the top of the range. */
    @Override
    public int lastAutohandleMajor() {
      return 0xfffe;
    }

    /** The TX queues the setup gave {@code dev} (a veth defaults to one per possible CPU). */
    @Override
    public int txQueues(String dev, List<String> setup) {
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

    /** {@code ip link show dev D}: ifindex, flags, mtu, qdisc, state and qlen as recorded. */
    @Override
    public void compareLink(String dev, JsonNode link, List<String> failures) {
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

    @Override
    public void close() {
      shell.close();
    }
  }
}

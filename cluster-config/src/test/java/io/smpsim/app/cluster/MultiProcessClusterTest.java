package io.smpsim.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smpsim.app.Cli;
import io.smpsim.app.FleetDeterminismTest;
import io.smpsim.app.GoldenLog;
import io.smpsim.sim.checkpoint.CheckpointDir;
import io.smpsim.sim.testing.SerializationErrors;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * smpsim on a real cluster of three worker processes ({@code smpsim node}) on 127.0.0.1, driven
 * by clients that join it ({@code smpsim run --cluster}): the same log and trace hash as one
 * in-JVM node (boot.conf, and a fleet of six machines), Prometheus metrics from a worker, and a worker killed in the middle of a run —
 * the run stops with exit 3 naming it, and resumes from its checkpoint on the two survivors with
 * the result of an uninterrupted run. The tests share the processes, in order; the last one
 * kills a worker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiProcessClusterTest {

  private static final Path ROOT = GoldenLog.repoRoot();
  private static final String BOOT = ROOT.resolve("scenarios/boot.conf").toString();

  private Path dir;
  private WorkerProcesses workers;
  private List<String> addresses;
  private int metricsPort;

  @BeforeAll
  void startWorkers(@TempDir Path tmp) throws IOException {
    dir = tmp;
    metricsPort = freePort();
    workers = WorkerProcesses.start(dir, 3, "--metrics-port", String.valueOf(metricsPort));
    addresses = workers.addresses();
  }

  @AfterAll
  void stopWorkers() {
    workers.close();
  }

  private static String hostPort(String address) {
    return WorkerProcesses.hostPort(address);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private JsonNode summary(String run) throws IOException {
    return Cli.summary(dir.resolve(run));
  }

  @Test
  @Order(1)
  void aScenarioOnThreeWorkerProcessesPrintsWhatOneInJvmNodePrints() throws IOException {
    Cli.Outcome embedded = Cli.run("run", BOOT, "--out", dir.resolve("embedded").toString());
    Cli.Outcome cluster = Cli.run("run", BOOT, "--cluster", hostPort(addresses.get(0)),
        "--show-placement", "--out", dir.resolve("cluster").toString());
    SerializationErrors.assertNone();
    assertEquals(0, embedded.exit(), embedded.stderr());
    assertEquals(0, cluster.exit(), cluster.stderr());

    assertEquals(embedded.stdout(), cluster.stdout());
    assertEquals(summary("embedded").get("traceHash"), summary("cluster").get("traceHash"));
    JsonNode perNode = summary("cluster").get("entitiesPerNode");
    assertEquals(3, perNode.size(), "every worker process takes part: " + perNode);
    for (JsonNode n : perNode) {
      assertTrue(n.asInt() > 0, "every worker hosts entities: " + perNode);
    }
    assertTrue(cluster.stderr().startsWith("smpsim: placement of "
        + summary("cluster").get("entities").asInt() + " entities in 9 groups on 3 nodes"),
        cluster.stderr());
    for (String a : addresses) {
      assertTrue(cluster.stderr().contains(a + ": "), "the placement names " + a);
    }
    assertTrue(cluster.stderr().contains(": m0/cpu7, m0/apic7, m0/pmu7 (3)\n"),
        cluster.stderr());
  }

  @Test
  @Order(2)
  void aFleetOnThreeWorkerProcessesPrintsWhatOneInJvmNodePrints() throws IOException {
    Path scenario = dir.resolve("fleet.conf");
    Files.writeString(scenario, FleetDeterminismTest.fleet());
    Cli.Outcome embedded = Cli.run("run", scenario.toString(), "--out",
        dir.resolve("fleet-embedded").toString());
    Cli.Outcome cluster = Cli.run("run", scenario.toString(), "--cluster", workers.seed(),
        "--out", dir.resolve("fleet-cluster").toString());
    SerializationErrors.assertNone();
    assertEquals(0, embedded.exit(), embedded.stderr());
    assertEquals(0, cluster.exit(), cluster.stderr());
    assertEquals(FleetDeterminismTest.FLEET_CPUS,
        embedded.stdout().lines().filter(l -> l.contains("] NMI backtrace for cpu ")).count());
    assertEquals(embedded.stdout(), cluster.stdout());
    assertEquals(summary("fleet-embedded").get("traceHash"),
        summary("fleet-cluster").get("traceHash"));
    JsonNode perNode = summary("fleet-cluster").get("entitiesPerNode");
    assertEquals(3, perNode.size(), "whole machines on every worker process: " + perNode);
    for (JsonNode n : perNode) {
      assertTrue(n.asInt() > 0, "every worker hosts machines: " + perNode);
    }
  }

  @Test
  @Order(3)
  void aWorkerExposesItsEngineMetricsToPrometheus() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest get = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build();
    String node = "node=\"" + addresses.get(0) + "\"";
    String metrics = "";
    // Kamon publishes what was recorded once a second.
    for (int i = 0; i < 100 && !(metrics.contains("smpsim_events_processed_total{" + node)
        && metrics.contains("smpsim_batch_received_bytes_total{")); i++) {
      metrics = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
      SmpsimProcess.sleep(200);
    }
    assertTrue(value(metrics, "smpsim_events_processed_total", node) > 0, metrics);
    assertTrue(value(metrics, "smpsim_windows_total", node) > 0, metrics);
    assertTrue(value(metrics, "smpsim_entities_hosted", node) > 0, metrics);
    assertTrue(value(metrics, "smpsim_simulated_ns", node) > 0, metrics);
    assertTrue(value(metrics, "smpsim_epoch_wait_seconds_count", node) > 0,
        "the time waited for the peers, per epoch: " + metrics);
    for (String peer : addresses.subList(1, 3)) {
      String tag = "peer=\"" + peer + "\"";
      assertTrue(value(metrics, "smpsim_batch_sent_bytes_total", node, tag) > 0, metrics);
      assertTrue(value(metrics, "smpsim_batch_received_bytes_total", node, tag) > 0, metrics);
    }
  }

  /** The value of the sample of {@code metric} with all of {@code tags}, or -1. */
  private static double value(String metrics, String metric, String... tags) {
    Matcher m = Pattern.compile("^" + metric + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE)
        .matcher(metrics);
    while (m.find()) {
      String found = m.group(1);
      if (java.util.Arrays.stream(tags).allMatch(found::contains)) {
        return Double.parseDouble(m.group(2));
      }
    }
    return -1;
  }

  @Test
  @Order(4)
  void aKilledWorkerStopsTheRunWithExit3AndTheRunResumesOnTheSurvivors() throws Exception {
    String ticking = Path.of(getClass().getResource("/ticking.conf").toURI()).toString();
    Path checkpoints = dir.resolve("checkpoints");
    SmpsimProcess client = SmpsimProcess.start(dir, "client", "run", ticking, "--cluster",
        hostPort(addresses.get(0)), "--duration", "1000s", "--checkpoint-every", "200ms",
        "--checkpoint-dir", checkpoints.toString(), "--out", dir.resolve("lost").toString());
    try (client) {
      for (int i = 0; i < 1200 && !Files.exists(checkpoints.resolve("latest")); i++) {
        assertTrue(client.alive(), client.stderr());
        SmpsimProcess.sleep(100);
      }
      // The oldest worker: the run's coordinator, beside the client, notices.
      workers.worker(0).kill();
      assertEquals(3, client.awaitExit(Duration.ofSeconds(60)), client.stderr());
    }
    assertTrue(client.stderr().contains("cluster node " + addresses.get(0)
        + " lost at simulated time "), client.stderr());
    assertEquals(client.stdout(), Files.readString(dir.resolve("lost/dmesg-m0.log")),
        "the log written so far is intact");
    // The split-brain resolver of the majority downs the lost worker, not the survivors, which
    // then see it removed.
    workers.worker(1).awaitStderr("smpsim: cluster member " + Pattern.quote(addresses.get(0))
        + " removed \\(was down\\)", Duration.ofSeconds(90));
    assertTrue(workers.worker(1).alive() && workers.worker(2).alive());

    long at = CheckpointDir.latestManifest(checkpoints).point().now();
    String end = (at / 1_000_000 + 300) + "ms";
    Cli.Outcome resumed = Cli.run("resume", checkpoints.toString(), "--cluster",
        hostPort(addresses.get(1)), "--duration", end, "--out",
        dir.resolve("resumed").toString());
    Cli.Outcome uninterrupted = Cli.run("run", ticking, "--duration", end, "--out",
        dir.resolve("uninterrupted").toString());
    SerializationErrors.assertNone();
    assertEquals(0, resumed.exit(), resumed.stderr());
    assertEquals(0, uninterrupted.exit(), uninterrupted.stderr());
    assertEquals(uninterrupted.stdout(), resumed.stdout());
    assertEquals(summary("uninterrupted").get("traceHash"), summary("resumed").get("traceHash"));
    assertEquals(summary("uninterrupted").get("events"), summary("resumed").get("events"));
    assertEquals(2, summary("resumed").get("nodes").asInt(), "the two survivors");
  }
}

package io.smpsim.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.smpsim.app.Cli;
import io.smpsim.app.GoldenLog;
import io.smpsim.app.run.Simulation;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.sim.WorldFactory;
import io.smpsim.sim.engine.ClusterMember;
import io.smpsim.sim.engine.ClusterRefusedException;
import io.smpsim.sim.testing.SerializationErrors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.cluster.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artery over TLS with mutual authentication, as cluster-config/conf/tls.conf sets it up: a
 * scenario runs across TLS nodes with the same log, and neither a plain-TCP node nor a node whose
 * certificate the cluster does not trust gets in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsClusterTest {

  private static final String BOOT = GoldenLog.repoRoot().resolve("scenarios/boot.conf")
      .toString();
  private static final Duration REFUSED_WITHIN = Duration.ofSeconds(10);

  private TestKeystores keys;
  private Path tls;
  private ClusterMember seed;
  private ClusterMember worker;
  private List<WorldFactory> factories;

  private Config member(Path config, List<String> seeds, String role) {
    return NodeSettings.member(NodeSettings.userConfig(config), null, 0, 0, seeds,
        List.of(role), "");
  }

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    keys = TestKeystores.generate(dir);
    tls = keys.config("tls.conf", keys.nodeKeys());
    factories = Simulation.factories(new ScenarioLoader());
    seed = ClusterMember.join(member(tls, List.of(), "worker"), factories,
        Duration.ofSeconds(60));
    worker = ClusterMember.join(member(tls, List.of(hostPort(seed)), "worker"), factories,
        Duration.ofSeconds(60));
  }

  @AfterAll
  void stop() {
    worker.close();
    seed.close();
  }

  private static String hostPort(ClusterMember m) {
    return m.address().substring(m.address().indexOf('@') + 1);
  }

  @Test
  void aScenarioRunsAcrossTlsNodesWithTheSameLog() {
    Cli.Outcome o = Cli.run("run", BOOT, "--cluster", hostPort(seed), "--config",
        tls.toString(), "--show-placement");
    SerializationErrors.assertNone();
    assertEquals(0, o.exit(), o.stderr());
    GoldenLog.assertMatches(GoldenLog.repoRoot().resolve("scenarios/boot.dmesg"), o.stdout());
    assertFalse(o.stderr().contains("on 1 node"), "both TLS workers host entities: "
        + o.stderr());
  }

  @Test
  void neitherAPlainTcpNodeNorAnUntrustedCertificateGetsIn() throws Exception {
    Path intruder = keys.config("intruder.conf", keys.intruderKeys());
    CompletableFuture<Throwable> plain = refused(member(null, List.of(hostPort(seed)),
        "client"));
    CompletableFuture<Throwable> untrusted = refused(member(intruder, List.of(hostPort(seed)),
        "client"));
    for (Throwable t : List.of(plain.get(), untrusted.get())) {
      assertTrue(t instanceof ClusterRefusedException, String.valueOf(t));
      assertFalse(((ClusterRefusedException) t).incompatible(), "not let in at all: " + t);
    }
    assertEquals(2, Cluster.get(seed.system()).state().members().size(),
        "only the two TLS workers are members");
  }

  private CompletableFuture<Throwable> refused(Config config) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        ClusterMember.join(config, factories, REFUSED_WITHIN).close();
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    });
  }
}

package io.smpsim.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.smpsim.sim.testing.RingWorld;
import io.smpsim.sim.testing.SerializationErrors;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A node joining with another smpsim version, another wire format or another pinned scenario is
 * refused before it becomes a member, with a message that says so; a compatible one gets in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandshakeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private ClusterMember seed;

  private static Config node(List<String> seeds, String scenario) {
    return EmbeddedCluster.nodeConfig(ConfigFactory.empty()
        .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
        .withValue(Handshake.SCENARIO_KEY, ConfigValueFactory.fromAnyRef(scenario)));
  }

  private Config joining(String scenario) {
    return node(List.of(seed.address()), scenario);
  }

  private ClusterMember join(Config config) {
    return ClusterMember.join(config, List.of(new RingWorld.Factory()), TIMEOUT);
  }

  @BeforeAll
  void start() {
    seed = join(node(List.of(), "abc"));
  }

  @AfterAll
  void stop() {
    seed.close();
  }

  /** The refusals these tests cause are logged (and mention Kryo); nothing else may be. */
  @AfterEach
  void onlyRefusalsWereLogged() {
    for (String m : SerializationErrors.take()) {
      assertTrue(m.contains("refusing a cluster join") || m.contains("Found incompatible settings"),
          "unexpected: " + m);
    }
  }

  @Test
  void anotherVersionIsRefusedWithAClearMessage() {
    Config c = joining("");
    Config other = new Handshake("0.0.0-other", c.getString(Handshake.WIRE_KEY), "").applyTo(c);
    ClusterRefusedException e = assertThrows(ClusterRefusedException.class, () -> join(other));
    assertTrue(e.incompatible());
    assertTrue(e.getMessage().startsWith("the cluster at " + seed.address()
        + " refused this node: its smpsim version, wire format"), e.getMessage());
    assertTrue(e.getMessage().contains("this node: smpsim 0.0.0-other"), e.getMessage());
    assertEquals(1, seed.workersUp(), "the refused node never became a member");
  }

  @Test
  void anotherWireFormatOrPinnedScenarioIsRefused() {
    Config c = joining("");
    Config wire = new Handshake(c.getString(Handshake.VERSION_KEY), "0123456789abcdef", "")
        .applyTo(c);
    assertTrue(assertThrows(ClusterRefusedException.class, () -> join(wire)).incompatible());
    assertTrue(assertThrows(ClusterRefusedException.class, () -> join(joining("def")))
        .incompatible(), "a node pinned to another scenario than the seed's");
  }

  @Test
  void aCompatibleNodeJoins() {
    try (ClusterMember unpinned = join(joining(""))) {
      assertEquals(2, unpinned.workersUp());
      assertFalse(unpinned.address().equals(seed.address()));
    }
  }
}

package io.smpsim.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.typesafe.config.ConfigFactory;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.testing.RingWorld;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Entities idle for a long wall-clock while keep their state: Cluster Sharding must never
 * passivate them, whatever its configuration says (a shard sees no traffic: windows go to the
 * entities directly). A passivated entity would leave the run waiting forever.
 */
class IdleEntitiesTest {

  @Test
  void aRunResumedAfterAWallClockPauseLongerThanTheIdleTimeoutCompletes() {
    String aggressive = "pekko.cluster.sharding.passivation {\n"
        + "  strategy = default-idle-strategy\n"
        + "  default-idle-strategy.idle-entity.timeout = 1s\n}\n";
    try (EmbeddedCluster c = EmbeddedCluster.start(1, ConfigFactory.parseString(aggressive),
        List.of(new RingWorld.Factory()), Duration.ofSeconds(30))) {
      RunClient client = c.client(Duration.ofSeconds(30));
      client.start(new WorldSpec("ring", "12 2 60", "test", 3), 100, 1);
      long half = client.runUntil(3_000, o -> { }, null).events();
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
        Thread.sleep(3_000);
        RunReply.Paused p = client.runUntil(Long.MAX_VALUE - 1, o -> { }, null);
        assertEquals(12L * 61, p.events(), "all hops happen; " + half + " before the pause");
      });
      client.finish(o -> { });
    }
  }
}

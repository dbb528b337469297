package io.smpsim.sim.engine;

import static io.smpsim.sim.testing.TestPayloads.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.testing.RingWorld;
import io.smpsim.sim.testing.SerializationErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine gives the same trace and outputs on one node and on three, and run after run. */
class ClusterDeterminismTest {

  private static final WorldSpec SPEC = new WorldSpec("ring", "60 6 120", "test", 42);

  record Result(String hash, long events, List<String> lines, List<Integer> perNode) {
    Result withPerNode(List<Integer> p) {
      return new Result(hash, events, lines, p);
    }
  }

  private static Result run(EmbeddedCluster cluster) {
    RunClient client = cluster.client(Duration.ofSeconds(30));
    // Ask for every node of the cluster: registrations race a run started right away.
    RunReply.Started started = client.start(SPEC, 100, cluster.nodes().size());
    List<String> lines = new ArrayList<>();
    RunReply.Paused p = client.runUntil(Long.MAX_VALUE - 1, o -> lines.add(line(o)), null);
    client.finish(o -> lines.add(line(o)));
    return new Result(Long.toHexString(p.traceHash()), p.events(), lines,
        started.entitiesPerNode());
  }

  private static EmbeddedCluster cluster(int n) {
    return EmbeddedCluster.start(n, ConfigFactory.empty(), List.of(new RingWorld.Factory()),
        Duration.ofSeconds(30));
  }

  @Test
  void oneAndThreeNodesGiveTheSameTraceHashAndOutputs() {
    Result one;
    Result again;
    try (EmbeddedCluster c = cluster(1)) {
      one = run(c);
      again = run(c);
    }
    Result three;
    try (EmbeddedCluster c = cluster(3)) {
      three = run(c);
    }
    SerializationErrors.assertNone();
    assertEquals(60L * 121, one.events(), "every token hop is one event");
    assertEquals(one, again.withPerNode(one.perNode()), "two runs on the same cluster agree");
    assertEquals(one.hash(), three.hash());
    assertEquals(one.lines(), three.lines());
    assertEquals(List.of(60), one.perNode());
    assertEquals(3, three.perNode().size());
    assertTrue(three.perNode().stream().allMatch(n -> n == 20), "entities: " + three.perNode());
  }
}

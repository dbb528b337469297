package io.smpsim.sim.engine;

import static io.smpsim.sim.testing.TestPayloads.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.testing.DomainWorld;
import io.smpsim.sim.testing.SerializationErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Nodes agree on time only with the nodes they are linked to, and only when they must: unlinked
 * domains on different nodes run without a single message between the nodes, a one-node run
 * exchanges nothing, and linked domains on different nodes agree in epochs — with the same
 * trace and outputs as on one node in every case. (An entity that sees an event out of order
 * fails the run, so a node that ran ahead of what its peers could still send it shows here.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EpochsTest {

  private EmbeddedCluster one;
  private EmbeddedCluster three;

  record Result(String hash, long events, long epochs, List<String> lines,
      List<Integer> perNode) {}

  @BeforeAll
  void start() {
    one = EmbeddedCluster.start(1, ConfigFactory.empty(), List.of(new DomainWorld.Factory()),
        Duration.ofSeconds(30));
    three = EmbeddedCluster.start(3, ConfigFactory.empty(), List.of(new DomainWorld.Factory()),
        Duration.ofSeconds(30));
  }

  @AfterAll
  void stop() {
    one.close();
    three.close();
  }

  private static Result run(EmbeddedCluster cluster, String source) {
    RunClient client = cluster.client(Duration.ofSeconds(30));
    RunReply.Started started = client.start(new WorldSpec("domains", source, "test", 9), 100,
        cluster.nodes().size());
    List<String> lines = new ArrayList<>();
    // Two limits, the second after a pause, as a checkpointing or interactive run goes.
    client.runUntil(20_000, o -> lines.add(line(o)), null);
    RunReply.Paused p = client.runUntil(Long.MAX_VALUE - 1, o -> lines.add(line(o)), null);
    client.finish(o -> lines.add(line(o)));
    return new Result(Long.toHexString(p.traceHash()), p.events(), p.epochs(), lines,
        started.entitiesPerNode());
  }

  @Test
  void aLoneNodeOpensNoPortAndJoinsNoCluster() {
    // A run on one node (the default) has nobody to talk to: no remoting, so no TCP port bound
    // on the user's machine, and no membership to form before the first window.
    Address lone = one.nodes().get(0).system().address();
    assertTrue(lone.port().isEmpty(), "a lone node bound " + lone);
    assertFalse(SimulationNode.clustered(one.nodes().get(0).system()));
    Address member = three.nodes().get(0).system().address();
    assertTrue(member.port().isDefined(), "a node of three talks Artery: " + member);
  }

  @Test
  void unlinkedDomainsOnThreeNodesNeverExchangeAMessage() {
    String source = "3 20 200 0";
    Result alone = run(one, source);
    Result spread = run(three, source);
    SerializationErrors.assertNone();
    assertEquals(List.of(20, 20, 20), spread.perNode(), "one domain per node");
    assertEquals(0, alone.epochs(), "a one-node run agrees with nobody");
    assertEquals(0, spread.epochs(), "nodes with nothing for each other send each other nothing");
    assertEquals(60L * 201, spread.events());
    assertEquals(alone.hash(), spread.hash());
    assertEquals(alone.lines(), spread.lines());
  }

  @Test
  void linkedDomainsOnThreeNodesAgreeInEpochsAndGiveTheSameTrace() {
    String source = "3 20 200 2000";
    Result alone = run(one, source);
    Result spread = run(three, source);
    SerializationErrors.assertNone();
    assertEquals(0, alone.epochs());
    assertTrue(spread.epochs() > 0, "linked nodes agree on time");
    assertEquals(20L * 201, spread.events(), "domain 0's tokens, and nothing else");
    assertEquals(alone.hash(), spread.hash());
    assertEquals(alone.lines(), spread.lines());
    assertTrue(alone.lines().size() > 100, "tokens report as they go: " + alone.lines().size());
  }
}

package io.smpsim.sim.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.smpsim.sim.WorldFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * N cluster nodes in one JVM: N ActorSystems that form a real Pekko Cluster over Artery TCP on
 * 127.0.0.1 with ephemeral ports, so messages between them really are serialized and sent; one
 * node is a plain local ActorSystem, which has nobody to talk to over Artery. Used
 * by {@code smpsim run --nodes N} and by tests. Its nodes gossip and act faster than a cluster
 * of processes ({@code io/smpsim/sim/embedded.conf}): everything is on one host, and forming
 * and leaving the cluster is part of a short run's wait.
 */
public final class EmbeddedCluster implements AutoCloseable {

  /** The ActorSystem name every node shares (a cluster requires one name). */
  public static final String SYSTEM_NAME = "smpsim";

  private final List<SimulationNode> nodes;

  private EmbeddedCluster(List<SimulationNode> nodes) {
    this.nodes = nodes;
  }

  /**
   * The default node configuration: {@code config} over the engine's cluster settings, with this
   * build's {@link Handshake} (and {@code config}'s pinned scenario, if any).
   */
  public static Config nodeConfig(Config config) {
    Config c = config
        .withFallback(ConfigFactory.parseResources("io/smpsim/sim/cluster.conf"))
        .withFallback(ConfigFactory.load())
        .resolve();
    return Handshake.of(c, c.getString(Handshake.SCENARIO_KEY)).applyTo(c);
  }

  /**
   * Starts {@code n} nodes and waits until all are Up.
   *
   * @param config settings layered over {@link #nodeConfig}
   */
  public static EmbeddedCluster start(int n, Config config, List<WorldFactory> factories,
      Duration timeout) {
    if (n < 1) {
      throw new IllegalArgumentException("a cluster needs at least one node, not " + n);
    }
    Config base = nodeConfig(config.withFallback(
        ConfigFactory.parseResources("io/smpsim/sim/embedded.conf")));
    List<ActorSystem<Void>> systems = new ArrayList<>();
    try {
      if (n == 1) {
        // Alone, a node has no one to agree or exchange with: no remoting, no membership to
        // form (a fifth of a short run's start-up), the same engine.
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), SYSTEM_NAME,
            ConfigFactory.parseString("pekko.actor.provider = local").withFallback(base));
        systems.add(system);
        return new EmbeddedCluster(List.of(SimulationNode.start(system, factories)));
      }
      Address seed = null;
      for (int i = 0; i < n; i++) {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), SYSTEM_NAME, base);
        systems.add(system);
        Cluster cluster = Cluster.get(system);
        if (seed == null) {
          seed = cluster.selfMember().address();
        }
        cluster.manager().tell(Join.create(seed));
      }
      awaitUp(systems, n, timeout);
      List<SimulationNode> nodes = new ArrayList<>();
      for (ActorSystem<Void> s : systems) {
        nodes.add(SimulationNode.start(s, factories));
      }
      return new EmbeddedCluster(nodes);
    } catch (RuntimeException e) {
      systems.forEach(ActorSystem::terminate);
      throw e;
    }
  }

  private static void awaitUp(List<ActorSystem<Void>> systems, int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean all = true;
      for (ActorSystem<Void> s : systems) {
        int up = 0;
        for (org.apache.pekko.cluster.Member m : Cluster.get(s).state().getMembers()) {
          if (m.status() == MemberStatus.up()) {
            up++;
          }
        }
        all &= up == n;
      }
      if (all) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("cluster of " + n + " nodes not up within " + timeout);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while forming the cluster", e);
      }
    }
  }

  public List<SimulationNode> nodes() {
    return nodes;
  }

  /**
   * A client driving runs from node 0, on this cluster's nodes in the order they were started:
   * node 0 first, so a world that fits one node's share lives beside its client, and its outputs
   * never cross Artery.
   */
  public RunClient client(Duration timeout) {
    SimulationNode first = nodes.get(0);
    List<RunClient.Worker> workers = new ArrayList<>();
    ActorRefResolver client = ActorRefResolver.get(first.system());
    for (SimulationNode node : nodes) {
      // As node 0 sees it: another node's scheduler is a remote actor, reached over Artery.
      String path = ActorRefResolver.get(node.system()).toSerializationFormat(node.scheduler());
      workers.add(new RunClient.Worker(node.address(), client.resolveActorRef(path)));
    }
    List<RunClient.Worker> all = List.copyOf(workers);
    return new RunClient(first.system(), (wanted, t) -> {
      if (wanted > all.size()) {
        throw new RunAbortedException("the cluster has " + all.size() + " node(s), not "
            + wanted, 2, 0);
      }
      return wanted <= 0 ? all : all.subList(0, wanted);
    }, first.context()::build, timeout);
  }

  @Override
  public void close() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).system().terminate();
    }
    for (int i = nodes.size() - 1; i >= 0; i--) {
      try {
        nodes.get(i).system().getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        // A node that does not stop in time is left to the JVM's exit.
      }
    }
  }
}

package io.smpsim.sim.engine;

import com.typesafe.config.Config;
import io.smpsim.sim.WorldFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * This process as a member of a cluster of separate processes: a worker started by
 * {@code smpsim node}, or the client of {@code smpsim run --cluster}. It joins the seed nodes of
 * its configuration ({@code pekko.cluster.seed-nodes}; none: it starts a new cluster), waits
 * until it is Up, and starts the engine (a scheduler on a worker; nothing on a client, whose runs'
 * coordinators live beside it).
 */
public final class ClusterMember implements AutoCloseable {

  private final ActorSystem<Void> system;
  private final SimulationNode node;

  private ClusterMember(ActorSystem<Void> system, SimulationNode node) {
    this.system = system;
    this.node = node;
  }

  /**
   * Starts the member and waits until it is Up.
   *
   * @param config the node's whole configuration (see {@link EmbeddedCluster#nodeConfig})
   * @throws ClusterRefusedException if the cluster refuses it, or it is not Up in time
   */
  public static ClusterMember join(Config config, List<WorldFactory> factories,
      Duration timeout) {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(),
        EmbeddedCluster.SYSTEM_NAME, config);
    Cluster cluster = Cluster.get(system);
    List<String> seeds = config.getStringList("pekko.cluster.seed-nodes");
    if (seeds.isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (cluster.selfMember().status() != MemberStatus.up()) {
      if (system.whenTerminated().isCompleted()) {
        Optional<CoordinatedShutdown.Reason> reason =
            CoordinatedShutdown.get(system).getShutdownReason();
        boolean incompatible = reason.isPresent() && reason.get()
            .equals(CoordinatedShutdown.incompatibleConfigurationDetectedReason());
        throw new ClusterRefusedException(incompatible
            ? "the cluster at " + String.join(", ", seeds) + " refused this node: its smpsim"
                + " version, wire format (Kryo registrations) or pinned scenario differ from the"
                + " cluster's (this node: " + handshake(config) + "); the refusing node's log"
                + " names the difference"
            : "this node stopped before it joined the cluster at " + String.join(", ", seeds),
            incompatible);
      }
      if (System.nanoTime() > deadline) {
        system.terminate();
        throw new ClusterRefusedException("no answer from the cluster at "
            + String.join(", ", seeds) + " within " + timeout.toSeconds() + " s (are the seed"
            + " nodes up, and is " + cluster.selfMember().address() + " reachable from them?)",
            false);
      }
      sleep(50);
    }
    return new ClusterMember(system, SimulationNode.start(system, factories));
  }

  private static String handshake(Config config) {
    return new Handshake(config.getString(Handshake.VERSION_KEY),
        config.getString(Handshake.WIRE_KEY), config.getString(Handshake.SCENARIO_KEY))
        .toString();
  }

  private static void sleep(long ms) {
    try {
      TimeUnit.MILLISECONDS.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while joining the cluster", e);
    }
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public SimulationNode node() {
    return node;
  }

  /** This member's cluster address. */
  public String address() {
    return Cluster.get(system).selfMember().address().toString();
  }

  /** How many members with the worker role are Up and reachable. */
  public int workersUp() {
    org.apache.pekko.cluster.ClusterEvent.CurrentClusterState state =
        Cluster.get(system).state();
    int n = 0;
    for (Member m : state.getMembers()) {
      if (m.status() == MemberStatus.up() && m.hasRole(SimulationNode.WORKER_ROLE)
          && !state.getUnreachable().contains(m)) {
        n++;
      }
    }
    return n;
  }

  /** Waits until at least {@code n} workers are Up. */
  public void awaitWorkers(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (workersUp() < n) {
      if (System.nanoTime() > deadline) {
        throw new ClusterRefusedException("the cluster has " + workersUp() + " worker node(s) up;"
            + " waited " + timeout.toSeconds() + " s for " + n, false);
      }
      sleep(50);
    }
  }

  /** A client driving runs from this member on the cluster's workers. */
  public RunClient client(Duration timeout) {
    return new RunClient(system, new ReceptionistWorkers(system), node.context()::build,
        timeout);
  }

  /**
   * How long a leaving member waits for the cluster to settle: the split-brain resolver's
   * stable-after plus the time to down and remove the lost members.
   */
  private static final Duration SETTLE = Duration.ofSeconds(25);

  /**
   * Leaves the cluster and stops, waiting a bounded time. While a member is unreachable (one
   * that crashed), a leave cannot complete: this member would become unreachable in turn, and
   * its own sighting of the lost one would make the split-brain resolver see an indirectly
   * connected cluster and down everyone. So it first waits (bounded) until the majority has
   * downed and removed the lost members.
   */
  @Override
  public void close() {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (!Cluster.get(system).state().getUnreachable().isEmpty()
        && !system.whenTerminated().isCompleted() && System.nanoTime() < deadline) {
      sleep(100);
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      // A member that cannot leave in time (a peer is unreachable) is left to the JVM's exit.
    }
  }
}

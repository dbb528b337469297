package io.smpsim.sim.engine;

import io.smpsim.sim.WorldFactory;
import io.smpsim.sim.metrics.EngineMetrics;
import io.smpsim.sim.serialization.StateCodec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.ClusterActorRefProvider;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The engine's presence on one cluster node. A worker (a node with the role
 * {@value #WORKER_ROLE}) runs a {@link NodeScheduler}, registered with the cluster's
 * receptionist, which hosts the node's share of each run's entities. Any other node (the client
 * of {@code smpsim run --cluster}) hosts nothing: its runs' coordinators live there and find the
 * workers through the receptionist.
 */
public final class SimulationNode {

  /** The role of nodes that host entities. */
  public static final String WORKER_ROLE = "worker";

  private final ActorSystem<?> system;
  private final NodeContext context;
  private final ActorRef<NodeScheduler.Command> scheduler;

  private SimulationNode(ActorSystem<?> system, NodeContext context,
      ActorRef<NodeScheduler.Command> scheduler) {
    this.system = system;
    this.context = context;
    this.scheduler = scheduler;
  }

  /** Starts the engine on a node that has joined (or is joining) the cluster. */
  public static SimulationNode start(ActorSystem<?> system, List<WorldFactory> factories) {
    Map<String, WorldFactory> byName = factories.stream()
        .collect(Collectors.toMap(WorldFactory::name, Function.identity()));
    NodeContext context = new NodeContext(byName,
        StateCodec.fromConfig(system.settings().config()));
    if (clustered(system) && !Cluster.get(system).selfMember().hasRole(WORKER_ROLE)) {
      return new SimulationNode(system, context, null);
    }
    String address = address(system);
    String pinned = system.settings().config().getString(Handshake.SCENARIO_KEY);
    ActorRef<NodeScheduler.Command> scheduler = system.systemActorOf(
        NodeScheduler.create(context, new EngineMetrics(address), pinned), "node-scheduler",
        Props.empty());
    return new SimulationNode(system, context, scheduler);
  }

  public ActorSystem<?> system() {
    return system;
  }

  public NodeContext context() {
    return context;
  }

  /** This node's scheduler, or null on a node that is not a worker. */
  public ActorRef<NodeScheduler.Command> scheduler() {
    return scheduler;
  }

  /** This node's cluster address (its system's own address when it is alone, not clustered). */
  public String address() {
    return address(system);
  }

  /** Whether {@code system} is a Pekko Cluster member, not a lone in-JVM node. */
  static boolean clustered(ActorSystem<?> system) {
    return system.settings().classicSettings().ProviderClass()
        .equals(ClusterActorRefProvider.class.getName());
  }

  private static String address(ActorSystem<?> system) {
    return clustered(system) ? Cluster.get(system).selfMember().address().toString()
        : system.address().toString();
  }
}

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
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The engine's presence on one cluster node. A worker (a node with the role
 * {@value #WORKER_ROLE}) hosts the sharded entities, with the deterministic allocation strategy,
 * runs a scheduler that registers with the clock coordinator, and may host the coordinator
 * singleton, which lives on the oldest worker. Any other node (the client of
 * {@code smpsim run --cluster}) only talks to the coordinator through a proxy, so it hosts
 * nothing, and its leaving moves nothing.
 */
public final class SimulationNode {

  /** The role of nodes that host entities and the clock coordinator. */
  public static final String WORKER_ROLE = "worker";

  private static final String COORDINATOR_NAME = "clock-coordinator";

  private final ActorSystem<?> system;
  private final NodeContext context;
  private final ActorRef<ClockCoordinator.Command> coordinator;
  private final ActorRef<NodeScheduler.Command> scheduler;

  private SimulationNode(ActorSystem<?> system, NodeContext context,
      ActorRef<ClockCoordinator.Command> coordinator, ActorRef<NodeScheduler.Command> scheduler) {
    this.system = system;
    this.context = context;
    this.coordinator = coordinator;
    this.scheduler = scheduler;
  }

  /**
   * Starts the engine on a node that has joined (or is joining) the cluster: everything on a
   * worker, only the coordinator's proxy elsewhere.
   */
  public static SimulationNode start(ActorSystem<?> system, List<WorldFactory> factories) {
    Map<String, WorldFactory> byName = factories.stream()
        .collect(Collectors.toMap(WorldFactory::name, Function.identity()));
    NodeContext context = new NodeContext(byName,
        StateCodec.fromConfig(system.settings().config()));
    Cluster cluster = Cluster.get(system);
    String address = cluster.selfMember().address().toString();

    ActorRef<ClockCoordinator.Command> coordinator = ClusterSingleton.get(system).init(
        SingletonActor.of(ClockCoordinator.create(context), COORDINATOR_NAME)
            .withSettings(ClusterSingletonSettings.create(system).withRole(WORKER_ROLE)));
    if (!cluster.selfMember().hasRole(WORKER_ROLE)) {
      return new SimulationNode(system, context, coordinator, null);
    }

    ActorRef<ShardingEnvelope<EntityActor.Command>> shards = ClusterSharding.get(system).init(
        Entity.of(EntityKeys.TYPE, ec -> EntityActor.create(context, ec.getEntityId()))
            // Steps go to the entities' own refs, not through their shards: a shard would see its
            // entities idle and passivate (stop) them, losing the simulation's state. Set here,
            // not in reference.conf, where the sharding jar's own default may win.
            .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy())
            .withRole(WORKER_ROLE)
            .withMessageExtractor(new GroupExtractor())
            .withAllocationStrategy(
                new PlacementAllocationStrategy(context, cluster.selfMember().address())));

    String pinned = system.settings().config().getString(Handshake.SCENARIO_KEY);
    ActorRef<NodeScheduler.Command> scheduler = system.systemActorOf(
        NodeScheduler.create(shards, context, new EngineMetrics(address), coordinator, address,
            pinned),
        "node-scheduler", Props.empty());
    // Registered before start returns, so a run started next on "all registered nodes" sees
    // this one.
    coordinator.tell(new ClockCoordinator.RegisterNode(scheduler, address, pinned));
    return new SimulationNode(system, context, coordinator, scheduler);
  }

  public ActorSystem<?> system() {
    return system;
  }

  public NodeContext context() {
    return context;
  }

  /** The coordinator singleton's proxy on this node. */
  public ActorRef<ClockCoordinator.Command> coordinator() {
    return coordinator;
  }

  /** This node's scheduler, or null on a node that is not a worker. */
  public ActorRef<NodeScheduler.Command> scheduler() {
    return scheduler;
  }

  /** Routes a sharding envelope to the shard named by its entity id's group. */
  private static final class GroupExtractor
      extends ShardingMessageExtractor<ShardingEnvelope<EntityActor.Command>, EntityActor.Command> {

    @Override
    public String entityId(ShardingEnvelope<EntityActor.Command> envelope) {
      return envelope.entityId();
    }

    @Override
    public String shardId(String entityId) {
      return EntityKeys.shardOf(entityId);
    }

    @Override
    public EntityActor.Command unwrapMessage(ShardingEnvelope<EntityActor.Command> envelope) {
      return envelope.message();
    }
  }
}

package io.smpsim.sim.engine;

import io.smpsim.sim.WorldFactory;
import io.smpsim.sim.metrics.EngineMetrics;
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
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The engine's presence on one cluster node: the sharded entity type with the deterministic
 * allocation strategy, the clock coordinator singleton (or its proxy) and the node's scheduler,
 * which registers with the coordinator.
 */
public final class SimulationNode {

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

  /** Starts the engine on a node that has joined (or is joining) the cluster. */
  public static SimulationNode start(ActorSystem<?> system, List<WorldFactory> factories) {
    Map<String, WorldFactory> byName = factories.stream()
        .collect(Collectors.toMap(WorldFactory::name, Function.identity()));
    NodeContext context = new NodeContext(byName);
    Cluster cluster = Cluster.get(system);
    String address = cluster.selfMember().address().toString();

    ActorRef<ShardingEnvelope<EntityActor.Command>> shards = ClusterSharding.get(system).init(
        Entity.of(EntityKeys.TYPE, ec -> EntityActor.create(context, ec.getEntityId()))
            // Steps go to the entities' own refs, not through their shards: a shard would see its
            // entities idle and passivate (stop) them, losing the simulation's state. Set here,
            // not in reference.conf, where the sharding jar's own default may win.
            .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy())
            .withMessageExtractor(new GroupExtractor())
            .withAllocationStrategy(
                new PlacementAllocationStrategy(context, cluster.selfMember().address())));

    ActorRef<ClockCoordinator.Command> coordinator = ClusterSingleton.get(system).init(
        SingletonActor.of(ClockCoordinator.create(context), "clock-coordinator"));

    ActorRef<NodeScheduler.Command> scheduler = system.systemActorOf(
        NodeScheduler.create(shards, context, new EngineMetrics(address)), "node-scheduler",
        Props.empty());
    coordinator.tell(new ClockCoordinator.RegisterNode(scheduler, address));
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

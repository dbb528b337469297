package io.smpsim.sim.engine;

import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.dispatch.Futures;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;

/**
 * Puts each shard (a run's placement group) on the node the run's {@link Placement} chose, and
 * never rebalances: an entity stays where it started for the whole run.
 */
public final class PlacementAllocationStrategy
    extends ShardCoordinator.AbstractShardAllocationStrategy {

  private final NodeContext node;
  private final Address selfAddress;

  public PlacementAllocationStrategy(NodeContext node, Address selfAddress) {
    this.node = node;
    this.selfAddress = selfAddress;
  }

  @Override
  public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
      Map<ActorRef, IndexedSeq<String>> current) {
    Placement plan = node.placement();
    if (plan == null || EntityKeys.runOfShard(shardId) != node.runId()) {
      return Futures.failed(new IllegalStateException("no placement plan for shard " + shardId));
    }
    String target = plan.nodeAddresses().get(plan.nodeOfGroup(EntityKeys.groupOfShard(shardId)));
    for (ActorRef region : current.keySet()) {
      Address a = region.path().address();
      String address = (a.hasGlobalScope() ? a : selfAddress).toString();
      if (address.equals(target)) {
        return Futures.successful(region);
      }
    }
    // The target's region has not registered yet; sharding retries the allocation.
    return Futures.failed(new IllegalStateException("region of " + target
        + " not registered (registered: " + current.keySet() + ")"));
  }

  @Override
  public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> current,
      Set<String> inProgress) {
    return Futures.successful(Set.of());
  }
}

package io.smpsim.sim.engine;

import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Sharding names of simulation entities. Entity {@code id} of placement group {@code g} in run
 * {@code r} is {@code "r:g:id"} and lives in shard {@code "r:g"}: a whole group always shares
 * one shard, and each run gets fresh shards, so a run's placement never inherits the previous
 * run's allocations.
 */
public final class EntityKeys {

  public static final EntityTypeKey<EntityActor.Command> TYPE =
      EntityTypeKey.create(EntityActor.Command.class, "sim-entity");

  private EntityKeys() {}

  public static String entityId(long runId, int group, int id) {
    return runId + ":" + group + ":" + id;
  }

  public static int idOf(String entityId) {
    return Integer.parseInt(entityId.substring(entityId.lastIndexOf(':') + 1));
  }

  public static String shardOf(String entityId) {
    return entityId.substring(0, entityId.lastIndexOf(':'));
  }

  /** The run id of a shard id. */
  public static long runOfShard(String shardId) {
    return Long.parseLong(shardId.substring(0, shardId.indexOf(':')));
  }

  /** The placement group of a shard id. */
  public static int groupOfShard(String shardId) {
    return Integer.parseInt(shardId.substring(shardId.indexOf(':') + 1));
  }
}

package io.smpsim.sim.engine;

import io.smpsim.sim.SimWorld;
import io.smpsim.sim.WorldFactory;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.serialization.StateCodec;
import java.util.List;
import java.util.Map;

/**
 * What one cluster node knows about the current run: the world it hosts entities of, the
 * lookahead, the placement plan and the layout derived from it. Created once per ActorSystem; the
 * node's scheduler fills it when a run is planned, and the entity actors it then spawns read it
 * (spawning orders those reads after the write).
 */
public final class NodeContext {

  private final Map<String, WorldFactory> factories;
  private final StateCodec codec;
  private volatile SimWorld world;
  private volatile WorldSpec spec;
  private volatile long lookahead;
  private volatile Placement placement;
  private volatile RunLayout layout;
  private volatile long runId = -1;

  /**
   * @param factories the worlds this node can build, by name
   * @param codec how entities write and read their state in checkpoints
   */
  public NodeContext(Map<String, WorldFactory> factories, StateCodec codec) {
    this.factories = Map.copyOf(factories);
    this.codec = codec;
  }

  /** Builds the world of a spec with the factory it names. */
  public SimWorld build(WorldSpec spec) {
    WorldFactory f = factories.get(spec.factory());
    if (f == null) {
      throw new IllegalArgumentException(
          "no world factory named '" + spec.factory() + "' (known: " + factories.keySet() + ")");
    }
    return f.build(spec);
  }

  void plan(long runId, WorldSpec spec, SimWorld world, long lookahead, Placement placement,
      RunLayout layout) {
    this.runId = runId;
    this.spec = spec;
    this.world = world;
    this.lookahead = lookahead;
    this.placement = placement;
    this.layout = layout;
  }

  /** The run this node was last planned for, or -1. */
  public long runId() {
    return runId;
  }

  public SimWorld world() {
    return world;
  }

  public WorldSpec spec() {
    return spec;
  }

  public long lookahead() {
    return lookahead;
  }

  public Placement placement() {
    return placement;
  }

  /** Each entity's node and latency domain, and the latencies between nodes. */
  public RunLayout layout() {
    return layout;
  }

  public StateCodec codec() {
    return codec;
  }

  public List<String> factoryNames() {
    return List.copyOf(factories.keySet());
  }
}

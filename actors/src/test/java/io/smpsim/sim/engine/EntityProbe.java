package io.smpsim.sim.engine;

import io.smpsim.sim.Event;
import io.smpsim.sim.SimWorld;
import io.smpsim.sim.WorldFactory;
import io.smpsim.sim.WorldSpec;
import java.util.List;
import io.smpsim.sim.serialization.StateCodec;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Hosts one entity of a world in a real {@link EntityActor}, with a {@link TestProbe} standing in
 * for the node scheduler: a test steps the actor through windows and reads what it sent. (It lives
 * in the engine's package because planning a node is the engine's business.)
 */
public final class EntityProbe {

  private final TestProbe<NodeScheduler.Command> scheduler;
  private final ActorRef<EntityActor.Command> actor;
  private final long runId;
  private final NodeScheduler.EntityDone init;

  /**
   * Spawns the actor of entity {@code id} and runs its start hook.
   *
   * @param lookahead the engine's lookahead L
   */
  public EntityProbe(ActorTestKit kit, SimWorld world, int id, long lookahead, long seed) {
    this.runId = 1;
    NodeContext node = plannedNode(kit, world, runId, lookahead, seed);
    this.scheduler = kit.createTestProbe();
    this.actor = kit.spawn(EntityActor.create(node, runId, id, 0, scheduler.getRef(), null));
    this.init = scheduler.expectMessageClass(NodeScheduler.EntityDone.class);
  }

  /**
   * A node that hosts every entity of {@code world}, planned for run {@code runId}: what an
   * {@link EntityActor} of the world needs to be spawned on.
   *
   * @param lookahead the engine's lookahead L
   */
  public static NodeContext plannedNode(ActorTestKit kit, SimWorld world, long runId,
      long lookahead, long seed) {
    WorldFactory f = new WorldFactory() {
      @Override
      public String name() {
        return "probe";
      }

      @Override
      public SimWorld build(WorldSpec spec) {
        return world;
      }
    };
    NodeContext node = new NodeContext(Map.of("probe", f),
        StateCodec.fromConfig(kit.system().settings().config()));
    WorldSpec spec = new WorldSpec("probe", "", "test", seed);
    Placement placement = Placement.plan(world, List.of("here"));
    node.plan(runId, spec, world, lookahead, placement,
        new RunLayout(world, placement, lookahead));
    return node;
  }

  /** What the entity did in its start hook. */
  public NodeScheduler.EntityDone init() {
    return init;
  }

  /** Handles {@code incoming} and every pending event before {@code end}. */
  public NodeScheduler.EntityDone step(long start, long end, List<Event> incoming) {
    actor.tell(new EntityActor.Step(runId, start, end, incoming));
    return scheduler.expectMessageClass(NodeScheduler.EntityDone.class);
  }
}

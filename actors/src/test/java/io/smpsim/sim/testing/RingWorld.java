package io.smpsim.sim.testing;

import io.smpsim.sim.Address;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimWorld;
import io.smpsim.sim.WorldFactory;
import io.smpsim.sim.WorldSpec;

/**
 * A small world for engine tests: {@code entities} entities in {@code groups} placement groups
 * pass tokens to random entities with random latencies (at least the lookahead) until each token
 * has made {@code hops} hops; every 50th hop is reported as an output line. Its spec source is
 * {@code "entities groups hops"}.
 */
public final class RingWorld implements SimWorld {

  /** Builds ring worlds. */
  public static final class Factory implements WorldFactory {
    @Override
    public String name() {
      return "ring";
    }

    @Override
    public SimWorld build(WorldSpec spec) {
      String[] p = spec.source().trim().split("\\s+");
      return new RingWorld(Integer.parseInt(p[0]), Integer.parseInt(p[1]),
          Integer.parseInt(p[2]));
    }
  }

  private final int entities;
  private final int groups;
  private final int hops;

  public RingWorld(int entities, int groups, int hops) {
    this.entities = entities;
    this.groups = groups;
    this.hops = hops;
  }

  @Override
  public int entityCount() {
    return entities;
  }

  @Override
  public Entity<?> create(int id) {
    return new Hopper(entities, hops);
  }

  @Override
  public int groupOf(int id) {
    return (int) ((long) id * groups / entities);
  }

  @Override
  public int groupCount() {
    return groups;
  }

  @Override
  public String nameOf(int id) {
    return "ring/" + id;
  }

  /** Forwards tokens. */
  static final class Hopper extends Entity<TestPayloads.Token> {
    private final int entities;
    private final int hops;

    Hopper(int entities, int hops) {
      this.entities = entities;
      this.hops = hops;
    }

    @Override
    public void onStart(EntityContext ctx) {
      forward(ctx, new TestPayloads.Token(0, "t" + ctx.self()));
    }

    @Override
    public void onEvent(EntityContext ctx, int src, TestPayloads.Token t) {
      if (t.hops() % 50 == 0) {
        ctx.output(new TestPayloads.Line(ctx.self() + " got " + t.label() + " hop " + t.hops()
            + " at " + ctx.now()));
      }
      if (t.hops() < hops) {
        forward(ctx, new TestPayloads.Token(t.hops() + 1, t.label()));
      }
    }

    private void forward(EntityContext ctx, TestPayloads.Token t) {
      int to = ctx.random().nextInt(entities);
      long latency = ctx.lookahead() + ctx.random().nextInt(5 * (int) ctx.lookahead());
      ctx.send(Address.<TestPayloads.Token>of(to), latency, t);
    }
  }
}

package io.smpsim.load.phold;

import io.smpsim.sim.Address;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimRandom;

/**
 * A PHOLD logical process, the standard parallel discrete-event benchmark: it starts with a
 * number of events, and handling an event schedules one new event at
 * {@code now + L + exponential(mean)}, to a uniformly chosen entity with probability
 * {@code remote}, else to itself.
 */
public final class Phold extends Entity<PholdEvent> {

  private final PholdParams params;

  public Phold(PholdParams params) {
    this.params = params;
  }

  @Override
  public void onStart(EntityContext ctx) {
    for (int i = 0; i < params.eventsPerEntity(); i++) {
      next(ctx);
    }
  }

  @Override
  public void onEvent(EntityContext ctx, int src, PholdEvent msg) {
    next(ctx);
  }

  private void next(EntityContext ctx) {
    SimRandom r = ctx.random();
    long delay = ctx.lookahead() + (long) r.nextExponential(params.meanDelayNs());
    int to = r.nextDouble() < params.remote() ? r.nextInt(params.entities()) : ctx.self();
    ctx.send(Address.<PholdEvent>of(to), delay, PholdEvent.INSTANCE);
  }
}

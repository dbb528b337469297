package io.smpsim.kernel.net;

import io.smpsim.kernel.net.core.NetRandom;
import io.smpsim.sim.SimRandom;

/**
 * The {@link NetRandom} of a network namespace entity: its draws come from the entity's own
 * seeded generator, which the engine owns. The entity hands the generator over before each
 * event it handles; the reference is transient so a checkpoint holds the generator once, where
 * the engine keeps it.
 */
public final class EntityRandom implements NetRandom {

  private transient SimRandom random;

  /** Use {@code r} for the draws of the event being handled. */
  public void bind(SimRandom r) {
    this.random = r;
  }

  @Override
  public long nextLong() {
    return random.nextLong();
  }
}

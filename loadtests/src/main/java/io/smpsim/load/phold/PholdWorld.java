package io.smpsim.load.phold;

import io.smpsim.sim.Entity;
import io.smpsim.sim.SimWorld;

/** A world of PHOLD processes, split into contiguous placement groups. */
public final class PholdWorld implements SimWorld {

  private final PholdParams params;

  public PholdWorld(PholdParams params) {
    this.params = params;
  }

  @Override
  public int entityCount() {
    return params.entities();
  }

  @Override
  public Entity<?> create(int id) {
    return new Phold(params);
  }

  @Override
  public int groupOf(int id) {
    return (int) ((long) id * groupCount() / params.entities());
  }

  @Override
  public int groupCount() {
    return Math.min(params.groups(), params.entities());
  }

  @Override
  public String nameOf(int id) {
    return "phold/" + id;
  }
}

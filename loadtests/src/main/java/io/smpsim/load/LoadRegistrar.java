package io.smpsim.load;

import io.smpsim.load.phold.PholdEvent;
import io.smpsim.load.phold.PholdParams;
import io.smpsim.sim.serialization.KryoRegistrar;
import java.util.List;

/** The load tests' wire classes. */
public final class LoadRegistrar implements KryoRegistrar {
  @Override
  public List<Class<?>> classes() {
    return List.of(PholdEvent.class, PholdParams.class);
  }
}

package io.smpsim.sim.testing;

import io.smpsim.sim.serialization.KryoRegistrar;
import java.util.List;

/** Registers the test payloads. */
public final class TestRegistrar implements KryoRegistrar {
  @Override
  public List<Class<?>> classes() {
    return List.of(TestPayloads.Token.class, TestPayloads.SendTo.class, TestPayloads.Line.class);
  }
}

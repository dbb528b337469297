package io.smpsim.hw.testing;

import io.smpsim.sim.serialization.KryoRegistrar;
import java.util.List;

/** Registers the hardware tests' payloads. */
public final class HwTestRegistrar implements KryoRegistrar {
  @Override
  public List<Class<?>> classes() {
    return List.of(HwLine.class, Script.class, Script.Action.class);
  }
}

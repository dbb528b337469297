package io.smpsim.sim.serialization;

import java.util.List;

/**
 * Contributes classes to Kryo registration. Registrars are listed, in order, in the config key
 * {@code smpsim.kryo.registrars}; every node must list the same registrars in the same order so
 * that registration ids agree on the wire.
 */
public interface KryoRegistrar {

  /** The classes this module puts on the wire, in a fixed order. */
  List<Class<?>> classes();
}

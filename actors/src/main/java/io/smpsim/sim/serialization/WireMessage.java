package io.smpsim.sim.serialization;

/**
 * Marker for every message that may cross cluster nodes. Pekko binds this interface to
 * {@link KryoSerializer}; the concrete class must also be listed by a {@link KryoRegistrar},
 * because the serializer refuses unregistered classes.
 */
public interface WireMessage {}

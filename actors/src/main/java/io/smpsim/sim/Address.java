package io.smpsim.sim;

import io.smpsim.sim.serialization.WireMessage;

/**
 * The typed address of an entity: its id in the world plus, at compile time, the protocol it
 * accepts. Sending {@code M} to an {@code Address<M>} is the only way to reach an entity.
 *
 * @param id the entity's dense id in its world
 * @param <M> the entity's protocol
 */
public record Address<M extends SimMessage>(int id) implements WireMessage {

  /** An address for an id whose protocol the caller knows. */
  public static <M extends SimMessage> Address<M> of(int id) {
    return new Address<>(id);
  }
}

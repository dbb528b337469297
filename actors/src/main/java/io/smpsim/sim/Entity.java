package io.smpsim.sim;

/**
 * A simulated component: a CPU, a local APIC, a qdisc tree, a PHOLD process. An entity is a
 * plain object with explicit state; the engine hosts each one in its own Pekko actor, hands it
 * its events in {@code (time, source, seq)} order and carries what it sends. It must not read the
 * wall clock, use unseeded randomness or share state with other entities, and its fields must be
 * Kryo-serializable (checkpoints).
 *
 * @param <M> the protocol the entity accepts
 */
public abstract class Entity<M extends SimMessage> {

  /** Runs once at simulated time 0, before any event (start timers, send first messages). */
  public void onStart(EntityContext ctx) {}

  /**
   * Handles one event.
   *
   * @param ctx the entity's context; {@code ctx.now()} is the event's time
   * @param src the sender's id ({@link Event#ENVIRONMENT} for injected events)
   * @param msg the payload
   */
  public abstract void onEvent(EntityContext ctx, int src, M msg);
}

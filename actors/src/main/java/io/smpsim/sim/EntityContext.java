package io.smpsim.sim;

/**
 * What an entity may do while it handles an event: read the simulated clock, send events,
 * set and cancel its own timers, draw from its own generator and report outputs. Nothing else
 * reaches the outside: no wall clock, no shared state.
 */
public interface EntityContext {

  /** The current simulated time in ns: the time of the event being handled. */
  long now();

  /** This entity's id. */
  int self();

  /** The engine's lookahead L: the smallest latency allowed between two entities. */
  long lookahead();

  /**
   * Sends {@code msg} to another entity, arriving {@code latencyNs} from now.
   *
   * @throws IllegalArgumentException if the latency is below the lookahead (a programming error:
   *     the conservative windows would let the receiver see the past)
   */
  <M extends SimMessage> void send(Address<M> to, long latencyNs, M msg);

  /**
   * Schedules {@code msg} to this entity after {@code delayNs} (any delay >= 0; a timer is not
   * bound by the lookahead). Returns a handle for {@link #cancel(long)}.
   */
  long schedule(long delayNs, SimMessage msg);

  /** Cancels a timer set by {@link #schedule}; cancelling a fired or unknown timer is a no-op. */
  void cancel(long timer);

  /** This entity's seeded generator. */
  SimRandom random();

  /** Reports an output (a log line, a command result) to the run's client. */
  void output(SimOutput out);
}

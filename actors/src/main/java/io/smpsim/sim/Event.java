package io.smpsim.sim;

import io.smpsim.sim.serialization.WireMessage;

/**
 * One simulation event. Events are totally ordered by {@code (time, src, seq)}: every entity
 * numbers what it sends, so two events never compare equal.
 *
 * @param time when the event happens, in simulated ns
 * @param src the sending entity, or {@link #ENVIRONMENT} for events injected from outside
 * @param seq the sender's sequence number
 * @param dst the receiving entity
 * @param payload what happens
 */
public record Event(long time, int src, long seq, int dst, SimMessage payload)
    implements WireMessage, Comparable<Event> {

  /** Source id of events that come from outside the simulation (timelines, the shell). */
  public static final int ENVIRONMENT = -1;

  @Override
  public int compareTo(Event o) {
    return compare(time, src, seq, o.time, o.src, o.seq);
  }

  /** The engine's event order, on raw keys. */
  static int compare(long t1, int s1, long q1, long t2, int s2, long q2) {
    if (t1 != t2) {
      return t1 < t2 ? -1 : 1;
    }
    if (s1 != s2) {
      return s1 < s2 ? -1 : 1;
    }
    return Long.compare(q1, q2);
  }
}

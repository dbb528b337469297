package io.smpsim.sim;

import io.smpsim.sim.serialization.WireMessage;

/**
 * An output with the simulated time and the entity that produced it.
 *
 * @param time simulated ns at which the entity produced it
 * @param src the producing entity
 * @param seq the entity's sequence number (orders outputs of one entity at one instant)
 * @param output what was produced
 */
public record OutputRecord(long time, int src, long seq, SimOutput output)
    implements WireMessage, Comparable<OutputRecord> {

  @Override
  public int compareTo(OutputRecord o) {
    return Event.compare(time, src, seq, o.time, o.src, o.seq);
  }
}

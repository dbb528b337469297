package io.smpsim.sim;

import io.smpsim.sim.serialization.WireMessage;

/**
 * The payload of a simulation event: what one entity tells another (an interrupt, an IPI, a
 * packet, a command). Payloads are immutable and registered with Kryo.
 */
public interface SimMessage extends WireMessage {

  /**
   * What this payload contributes to the trace hash. The default is its class; payloads whose
   * content matters to the trace (a vector, a packet id) add it.
   */
  default long traceId() {
    return TraceHash.classId(getClass());
  }
}

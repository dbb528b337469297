package io.smpsim.sim;

import io.smpsim.sim.serialization.WireMessage;

/**
 * A link between two latency domains of a world (say, the cable between two machines' NICs):
 * entities of domain {@code from} may send to entities of domain {@code to}, never sooner than
 * {@code latencyNs} after the sending event.
 *
 * @param from the sending domain
 * @param to the receiving domain
 * @param latencyNs the smallest latency of any message on the link
 */
public record DomainLink(int from, int to, long latencyNs) implements WireMessage {}

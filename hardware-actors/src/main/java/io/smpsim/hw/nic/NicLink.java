package io.smpsim.hw.nic;

import io.smpsim.sim.serialization.WireMessage;

/**
 * The cable from one NIC to another: where it leads and how it carries frames.
 *
 * @param machine the index of the machine at the other end
 * @param nic the index of the NIC at the other end among that machine's NICs
 * @param latencyNs propagation delay, from the last bit sent to the frame's arrival
 * @param rateBps the link's rate in bits/s; a NIC never sends faster than its link
 */
public record NicLink(int machine, int nic, long latencyNs, long rateBps)
    implements WireMessage {}

package io.smpsim.hw.nic;

import io.smpsim.sim.serialization.WireMessage;

/**
 * One NIC as a scenario declares it.
 *
 * @param name the interface name the kernel gives it, e.g. {@code eth0}
 * @param txQueues number of TX queues (each with its own descriptor ring)
 * @param rxQueues number of RX queues
 * @param rateBps line rate in bits/s
 * @param ring TX descriptors per queue
 * @param link the cable to another NIC, or {@code null} when nothing is plugged in (frames are
 *     still sent at line rate, into an unconnected switch port)
 */
public record NicConfig(String name, int txQueues, int rxQueues, long rateBps, int ring,
    NicLink link) implements WireMessage {

  /** The same NIC with {@code link} plugged in. */
  public NicConfig withLink(NicLink l) {
    return new NicConfig(name, txQueues, rxQueues, rateBps, ring, l);
  }

  /** The rate frames leave at: the NIC's, or its link's when that is slower. */
  public long wireRateBps() {
    return link == null ? rateBps : Math.min(rateBps, link.rateBps());
  }
}

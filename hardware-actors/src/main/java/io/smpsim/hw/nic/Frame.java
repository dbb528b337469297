package io.smpsim.hw.nic;

import io.smpsim.sim.serialization.WireMessage;

/**
 * An Ethernet frame as a NIC moves it: its length on the wire and the header fields a receiver
 * classifies on. The NIC reads only the length; the rest is carried for the host at the other
 * end of the cable.
 *
 * @param id the sender's packet id (unique within the sending machine)
 * @param len bytes on the wire as the kernel counts them (skb->len: L2 header and payload)
 * @param ethertype the L2 protocol, e.g. 0x0800 for IPv4
 * @param ipProto the IP protocol number (17 UDP, 6 TCP)
 * @param srcIp IPv4 source address
 * @param dstIp IPv4 destination address
 * @param srcPort transport source port
 * @param dstPort transport destination port
 * @param bornNs when the sending application produced it (a payload timestamp, for one-way
 *     delay), in simulated ns
 */
public record Frame(long id, int len, int ethertype, int ipProto, int srcIp, int dstIp,
    int srcPort, int dstPort, long bornNs) implements WireMessage {

  /** A flow hash of the 5-tuple, the way a NIC's RSS spreads flows over its RX queues. */
  public int rssHash() {
    int h = srcIp * 0x9E3779B1 ^ dstIp;
    h = h * 0x85EBCA6B ^ ((srcPort << 16) | (dstPort & 0xFFFF));
    h = h * 0xC2B2AE35 ^ ipProto;
    return h ^ (h >>> 16);
  }
}

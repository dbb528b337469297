package io.smpsim.kernel.net.sched;

import io.smpsim.kernel.net.core.Packet;

/**
 * A deterministic flow hash over the IPv4 5-tuple, keyed by a perturbation value, standing in
 * for skb_get_hash_perturb(): packets of one flow always land in the same bucket.
 */
public final class FlowHash {

  private FlowHash() {}

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }

  /** The 32-bit hash of the packet's flow under {@code perturbation}. */
  public static int hash(Packet p, int perturbation) {
    int h = perturbation;
    h = mix(h ^ p.srcIp());
    h = mix(h ^ p.dstIp());
    h = mix(h ^ ((p.srcPort() << 16) | (p.dstPort() & 0xFFFF)));
    h = mix(h ^ p.ipProto());
    return h;
  }

  /** reciprocal_scale(): map a hash onto [0, n). */
  public static int scale(int hash, int n) {
    return (int) (((hash & 0xFFFFFFFFL) * n) >>> 32);
  }
}

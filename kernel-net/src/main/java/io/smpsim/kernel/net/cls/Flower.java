package io.smpsim.kernel.net.cls;

import io.smpsim.kernel.net.core.Packet;

/**
 * cls_flower restricted to the IPv4 5-tuple keys smpsim models: ip_proto, src_ip/dst_ip with a
 * prefix length, src_port, dst_port. A key left unset matches anything.
 */
public final class Flower extends TcFilter {

  /** The keys; {@code -1} (or prefix 0) means "any". */
  public record Keys(int ipProto, int srcIp, int srcPrefix, int dstIp, int dstPrefix,
      int srcPort, int dstPort) {}

  private final Keys keys;

  public Flower(int handle, Keys keys, int classid, int action) {
    super(handle, classid, action);
    this.keys = keys;
  }

  public Keys keys() {
    return keys;
  }

  private static boolean prefixMatch(int addr, int want, int prefix) {
    if (prefix <= 0) {
      return true;
    }
    int mask = prefix >= 32 ? -1 : ~(-1 >>> prefix);
    return (addr & mask) == (want & mask);
  }

  @Override
  public boolean matches(Packet p) {
    if (keys.ipProto() >= 0 && p.ipProto() != keys.ipProto()) {
      return false;
    }
    if (!prefixMatch(p.srcIp(), keys.srcIp(), keys.srcPrefix())
        || !prefixMatch(p.dstIp(), keys.dstIp(), keys.dstPrefix())) {
      return false;
    }
    if (keys.srcPort() >= 0 && p.srcPort() != keys.srcPort()) {
      return false;
    }
    return keys.dstPort() < 0 || p.dstPort() == keys.dstPort();
  }

  @Override
  public String describe() {
    StringBuilder b = new StringBuilder();
    if (keys.ipProto() >= 0) {
      b.append("\n  ip_proto ").append(protoName(keys.ipProto()));
    }
    if (keys.dstPrefix() > 0) {
      b.append("\n  dst_ip ").append(ip(keys.dstIp()));
      if (keys.dstPrefix() < 32) {
        b.append('/').append(keys.dstPrefix());
      }
    }
    if (keys.srcPrefix() > 0) {
      b.append("\n  src_ip ").append(ip(keys.srcIp()));
      if (keys.srcPrefix() < 32) {
        b.append('/').append(keys.srcPrefix());
      }
    }
    if (keys.dstPort() >= 0) {
      b.append("\n  dst_port ").append(keys.dstPort());
    }
    if (keys.srcPort() >= 0) {
      b.append("\n  src_port ").append(keys.srcPort());
    }
    return b.toString();
  }

  private static String protoName(int proto) {
    switch (proto) {
      case Packet.IPPROTO_UDP: return "udp";
      case Packet.IPPROTO_TCP: return "tcp";
      case 1: return "icmp";
      default: return Integer.toString(proto);
    }
  }

  /** Dotted-quad text of an IPv4 address held in an int. */
  public static String ip(int a) {
    return ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "."
        + (a & 255);
  }
}

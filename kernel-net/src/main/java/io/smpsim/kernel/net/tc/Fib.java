package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetNamespace;

/**
 * The routing the simulated machines have (the kernel's FIB lookup and inet_select_addr(),
 * over the only routes {@code ip} creates): a permanent neighbour or a connected subnet picks
 * the output device, and a device's first address is the source.
 */
public final class Fib {

  private Fib() {}

  /**
   * The device a destination routes out of: a permanent neighbour first, then a connected
   * subnet (the only routes {@code ip addr} and {@code ip neigh} create), or {@code null}.
   */
  public static NetDevice route(NetNamespace ns, int dst) {
    for (NetDevice d : ns.devices()) {
      for (String n : d.neighbours()) {
        Integer a = NetAddr.parseIpv4(n);
        if (a != null && a == dst) {
          return d;
        }
      }
    }
    for (NetDevice d : ns.devices()) {
      for (String addr : d.addresses()) {
        int[] ap = NetAddr.parsePrefix(addr);
        if (ap != null) {
          int mask = ap[1] == 0 ? 0 : -1 << (32 - ap[1]);
          if ((ap[0] & mask) == (dst & mask)) {
            return d;
          }
        }
      }
    }
    return null;
  }

  /** The first IPv4 address of {@code d} (the source the kernel picks), or 0. */
  public static int sourceAddress(NetDevice d) {
    for (String addr : d.addresses()) {
      int[] ap = NetAddr.parsePrefix(addr);
      if (ap != null) {
        return ap[0];
      }
    }
    return 0;
  }
}

package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.dev.DeviceKind;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetNamespace;

/**
 * The address side of {@code ip} (iproute2 6.1 ip/ipaddress.c, ip/ipneigh.c): the link list
 * with its flags and operstate ({@code print_linkinfo()}), and {@code addr add} /
 * {@code neigh add} with lib/utils.c's address checks.
 */
public final class IpAddress {

  private final NetNamespace ns;

  IpAddress(NetNamespace ns) {
    this.ns = ns;
  }

  /**
   * {@code ip addr add} / {@code ip neigh add}: validated as ip does, then recorded on the
   * device for routing the oracle's {@code @send}.
   */
  ShellResult record(Args a, boolean addr) {
    if (!a.more() || !Args.matches(a.cur(), "add")) {
      return ShellResult.ok("");
    }
    a.advance();
    String what = null;
    String dev = null;
    while (a.more()) {
      if (a.cur().equals("dev")) {
        dev = a.next();
      } else if (a.cur().equals("local") || a.cur().equals("to")) {
        what = a.next();
      } else if (a.cur().equals("nud") || a.cur().equals("label")) {
        a.next();
      } else if (what == null && !a.cur().equals("lladdr")) {
        what = a.cur();
      } else if (!addr && a.cur().equals("lladdr")) {
        String ll = a.next();
        if (!validLladdr(ll)) {
          // lib/ll_addr.c ll_addr_a2n(); ip neigh then returns -1.
          return new ShellResult(255, "", "\"" + ll + "\" is invalid lladdr.\n");
        }
      }
      a.advance();
    }
    if (what == null) {
      what = "";
    }
    if (!(addr ? validPrefix(what) : validAddress(what))) {
      // lib/utils.c get_prefix() / get_addr(): the family is AF_UNSPEC, "any valid".
      return new ShellResult(1, "", "Error: any valid " + (addr ? "prefix" : "address")
          + " is expected rather than \"" + what + "\".\n");
    }
    NetDevice d = dev == null ? null : ns.device(dev);
    if (d == null) {
      return IpCommand.nodev(String.valueOf(dev));
    }
    (addr ? d.addresses() : d.neighbours()).add(what);
    return ShellResult.ok("");
  }

  /** lib/utils.c get_addr_1(): IPv4 dotted quad (1 to 4 parts of 0..255) or IPv6. */
  private static boolean validAddress(String a) {
    if (a.contains(":")) {
      return a.matches("[0-9A-Fa-f:.]+") && a.length() <= 45;
    }
    String[] parts = a.split("\\.", -1);
    if (parts.length > 4) {
      return false;
    }
    for (String p : parts) {
      if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  /** get_prefix_1(): an address, then an optional /N up to the family's bit length. */
  private static boolean validPrefix(String a) {
    int slash = a.indexOf('/');
    String addr = slash < 0 ? a : a.substring(0, slash);
    if (!validAddress(addr)) {
      return false;
    }
    if (slash < 0) {
      return true;
    }
    String len = a.substring(slash + 1);
    int max = addr.contains(":") ? 128 : 32;
    return len.matches("[0-9]{1,3}") && Integer.parseInt(len) <= max;
  }

  /** ll_addr_a2n(): hex bytes separated by ':' (or '.'), each 0..ff. */
  private static boolean validLladdr(String ll) {
    for (String p : ll.split("[:.]", -1)) {
      if (!p.matches("[0-9A-Fa-f]{1,2}")) {
        return false;
      }
    }
    return true;
  }

  /** The link state as {@code ip link} reports it. */
  public static String operstate(NetNamespace ns, NetDevice d) {
    if (!d.isUp()) {
      return "DOWN";
    }
    switch (d.kind()) {
      case VETH: {
        NetDevice p = d.peer() == null ? null : ns.device(d.peer());
        return p != null && p.isUp() ? "UP" : "LOWERLAYERDOWN";
      }
      case NIC:
        return "UP";
      default:
        return "UNKNOWN";
    }
  }

  /** The flags word of {@code ip link}. */
  public static String flags(NetNamespace ns, NetDevice d) {
    StringBuilder f = new StringBuilder();
    if (d.isUp() && !operstate(ns, d).equals("UP") && !operstate(ns, d).equals("UNKNOWN")) {
      f.append("NO-CARRIER,");
    }
    switch (d.kind()) {
      case LOOPBACK: f.append("LOOPBACK"); break;
      case IFB:
      case DUMMY: f.append("BROADCAST,NOARP"); break;
      default: f.append("BROADCAST,MULTICAST");
    }
    if (d.isUp()) {
      f.append(",UP");
      String op = operstate(ns, d);
      if (op.equals("UP") || op.equals("UNKNOWN")) {
        f.append(",LOWER_UP");
      }
    }
    NetDevice peer = d.peer() == null ? null : ns.device(d.peer());
    if (peer != null && !peer.isUp()) {
      f.append(",M-DOWN");
    }
    return f.toString();
  }

  /** {@code ip link show [NAME]}: every device, or the one named. */
  ShellResult show(String name) {
    StringBuilder out = new StringBuilder();
    for (NetDevice d : ns.devices()) {
      if (name != null && !d.name().equals(name)) {
        continue;
      }
      String label = d.name();
      if (d.peer() != null) {
        label += "@" + d.peer();
      }
      out.append(d.ifindex()).append(": ").append(label).append(": <").append(flags(ns, d))
          .append("> mtu ").append(d.mtu()).append(" qdisc ").append(d.qdisc().kind())
          .append(" state ").append(operstate(ns, d))
          .append(" mode DEFAULT group default");
      // ip/ipaddress.c print_queuelen(): a zero qlen is not printed at all.
      if (d.txQueueLen() != 0) {
        out.append(" qlen ").append(d.txQueueLen());
      }
      out.append('\n');
      if (d.kind() == DeviceKind.LOOPBACK) {
        out.append("    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n");
      } else {
        out.append(String.format("    link/ether 02:00:00:00:00:%02x brd ff:ff:ff:ff:ff:ff\n",
            d.ifindex() & 0xFF));
      }
    }
    return ShellResult.ok(out.toString());
  }
}

package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.dev.DeviceKind;
import io.smpsim.kernel.net.dev.LinkStats;
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
   * {@code ip [-s] address [add|del|show ...]} (ip/ipaddress.c do_ipaddr): no command is
   * {@code show}.
   */
  ShellResult address(Args a, boolean stats) {
    if (!a.more() || Args.matches(a.cur(), "show") || Args.matches(a.cur(), "list")
        || a.cur().equals("lst")) {
      if (a.more()) {
        a.advance();
      }
      String name = a.more() && a.cur().equals("dev") ? a.next() : (a.more() ? a.cur() : null);
      if (name != null && ns.device(name) == null) {
        return new ShellResult(1, "", "Device \"" + name + "\" does not exist.\n");
      }
      return show(name, stats, true);
    }
    if (Args.matches(a.cur(), "add")) {
      return record(a, true);
    }
    if (Args.matches(a.cur(), "delete")) {
      return delete(a);
    }
    return new ShellResult(255, "", "Command \"" + a.cur()
        + "\" is unknown, try \"ip address help\".\n");
  }

  /**
   * {@code ip addr add} / {@code ip neigh add}: validated as ip does, then recorded on the
   * device for routing the oracle's {@code @send}.
   */
  ShellResult record(Args a, boolean addr) {
    if (!a.more() || !Args.matches(a.cur(), "add")) {
      if (!addr) {
        return new ShellResult(255, "", "ip: smpsim's ip neigh only adds entries"
            + " (ip neigh add ADDR lladdr LLADDR dev DEV)\n");
      }
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
    if (addr) {
      String prefix = withLength(what);
      if (d.addresses().contains(prefix)) {
        // net/ipv4/devinet.c __inet_insert_ifa(): the same local address and prefix: EEXIST.
        return new ShellResult(2, "", "RTNETLINK answers: File exists\n");
      }
      d.addresses().add(prefix);
    } else {
      d.neighbours().add(what);
    }
    return ShellResult.ok("");
  }

  /** {@code ip addr del PREFIX dev DEV}. */
  private ShellResult delete(Args a) {
    a.advance();
    String what = null;
    String dev = null;
    while (a.more()) {
      if (a.cur().equals("dev")) {
        dev = a.next();
      } else if (a.cur().equals("local")) {
        what = a.next();
      } else if (what == null) {
        what = a.cur();
      }
      a.advance();
    }
    if (what == null || !validPrefix(what)) {
      return new ShellResult(1, "", "Error: any valid prefix is expected rather than \""
          + (what == null ? "" : what) + "\".\n");
    }
    NetDevice d = dev == null ? null : ns.device(dev);
    if (d == null) {
      return IpCommand.nodev(String.valueOf(dev));
    }
    if (!d.addresses().remove(withLength(what))) {
      // inet_rtm_deladdr(): no such address on the device.
      return new ShellResult(2, "", "RTNETLINK answers: Cannot assign requested address\n");
    }
    return ShellResult.ok("");
  }

  /** A prefix as the kernel keeps it: an address without a length is a host route. */
  private static String withLength(String prefix) {
    if (prefix.contains("/")) {
      return prefix;
    }
    return prefix + (prefix.contains(":") ? "/128" : "/32");
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
  static boolean validLladdr(String ll) {
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

  /**
   * {@code ip link show [NAME]} and {@code ip addr show [NAME]} (print_linkinfo(), then
   * print_addrinfo() for each address): every device, or the one named; with {@code stats},
   * the link's counters (print_stats64()).
   */
  ShellResult show(String name, boolean stats, boolean addrs) {
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
          .append(addrs ? " group default" : " mode DEFAULT group default");
      // ip/ipaddress.c print_queuelen(): a zero qlen is not printed at all.
      if (d.txQueueLen() != 0) {
        out.append(" qlen ").append(d.txQueueLen());
      }
      out.append('\n');
      if (d.kind() == DeviceKind.LOOPBACK) {
        out.append("    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n");
      } else {
        out.append("    link/ether ").append(d.lladdr()).append(" brd ff:ff:ff:ff:ff:ff\n");
      }
      if (stats) {
        stats(out, d.stats());
      }
      if (addrs) {
        addresses(out, d);
      }
    }
    return ShellResult.ok(out.toString());
  }

  /**
   * print_addrinfo() lines of {@code d}: a loopback device that is up has 127.0.0.1/8 and ::1
   * (net/ipv4/devinet.c inetdev_event(NETDEV_UP), net/ipv6/addrconf.c init_loopback()), then the
   * addresses added, IPv4 before IPv6 as the dump walks the families.
   */
  private static void addresses(StringBuilder out, NetDevice d) {
    java.util.List<String> v4 = new java.util.ArrayList<>();
    java.util.List<String> v6 = new java.util.ArrayList<>();
    if (d.kind() == DeviceKind.LOOPBACK && d.isUp()) {
      v4.add("127.0.0.1/8");
    }
    for (String a : d.addresses()) {
      (a.contains(":") ? v6 : v4).add(a);
    }
    if (d.kind() == DeviceKind.LOOPBACK && d.isUp()) {
      v6.add(0, "::1/128");
    }
    for (String a : v4) {
      String scope = a.startsWith("127.") ? "host" : "global";
      out.append("    inet ").append(a).append(" scope ").append(scope).append(' ')
          .append(d.name()).append('\n');
      out.append("       valid_lft forever preferred_lft forever\n");
    }
    for (String a : v6) {
      String scope = a.equals("::1/128") ? "host" : a.toLowerCase().startsWith("fe80") ? "link"
          : "global";
      out.append("    inet6 ").append(a).append(" scope ").append(scope).append(" \n");
      out.append("       valid_lft forever preferred_lft forever\n");
    }
  }

  /**
   * iproute2 6.1 print_stats64() for {@code ip -s}: columns as wide as their header or their
   * widest number (size_columns(), the first at least "*X errors:"), numbers right-aligned.
   */
  private static void stats(StringBuilder out, LinkStats s) {
    long[] rx = {s.rxBytes(), s.rxPackets(), 0, s.rxDropped(), 0, 0};
    long[] tx = {s.txBytes(), s.txPackets(), 0, s.txDropped(), 0, 0};
    int[] cols = {"*X errors:".length(), "packets".length(), "errors".length(),
        "dropped".length(), "heartbt".length(), "overrun".length(), "compressed".length()};
    for (long[] row : new long[][] {rx, tx}) {
      for (int i = 0; i < row.length; i++) {
        cols[i] = Math.max(cols[i], Long.toString(row[i]).length());
      }
    }
    out.append(String.format("    RX: %" + (cols[0] - 4) + "s %" + cols[1] + "s %" + cols[2]
        + "s %" + cols[3] + "s %" + cols[4] + "s %" + cols[5] + "s %" + cols[6] + "s\n",
        "bytes", "packets", "errors", "dropped", "missed", "mcast", ""));
    numbers(out, cols, rx);
    out.append(String.format("    TX: %" + (cols[0] - 4) + "s %" + cols[1] + "s %" + cols[2]
        + "s %" + cols[3] + "s %" + cols[4] + "s %" + cols[5] + "s %" + cols[6] + "s\n",
        "bytes", "packets", "errors", "dropped", "carrier", "collsns", ""));
    numbers(out, cols, tx);
  }

  /** print_num() per column, then the line's end. */
  private static void numbers(StringBuilder out, int[] cols, long[] row) {
    out.append("    ");
    for (int i = 0; i < row.length; i++) {
      out.append(String.format("%" + cols[i] + "d ", row[i]));
    }
    out.append('\n');
  }
}

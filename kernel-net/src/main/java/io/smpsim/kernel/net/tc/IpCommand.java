package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.dev.DeviceKind;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetNamespace;
import io.smpsim.kernel.net.sched.Extack;
import io.smpsim.kernel.net.sched.QdiscCtx;
import io.smpsim.kernel.net.sched.QdiscKinds;
import io.smpsim.kernel.net.sched.SchGeneric;
import java.util.List;

/**
 * The {@code ip} subset the oracle and scenarios use (iproute2 6.1 ip/ip.c, ip/iplink.c):
 * {@code [-s] link add|set|del}; {@code link show}, {@code addr add|del|show} and
 * {@code neigh add} are {@link IpAddress}'s.
 */
public final class IpCommand {

  private final NetNamespace ns;
  private final QdiscKinds kinds;
  private final IpAddress addresses;

  public IpCommand(NetNamespace ns, QdiscKinds kinds) {
    this.ns = ns;
    this.kinds = kinds;
    this.addresses = new IpAddress(ns);
  }

  /** Run {@code argv} (argv[0] is "ip"). */
  public ShellResult run(List<String> argv, long nowNs) {
    try {
      int at = 1;
      int stats = 0;
      // ip/ip.c main(): options before the object, each matched by any prefix of its name.
      while (at < argv.size() && argv.get(at).startsWith("-") && argv.get(at).length() > 1) {
        String opt = argv.get(at).startsWith("--") ? argv.get(at).substring(1) : argv.get(at);
        if (Args.matches(opt, "-statistics") || Args.matches(opt, "-stats")) {
          stats++;
        } else if (UNSUPPORTED_OPTIONS.contains(opt)) {
          return new ShellResult(255, "", "ip: option \"" + argv.get(at)
              + "\" is not supported by smpsim's ip\n");
        } else {
          return new ShellResult(255, "", "Option \"" + argv.get(at)
              + "\" is unknown, try \"ip -help\".\n");
        }
        at++;
      }
      if (stats > 1) {
        return new ShellResult(255, "", "ip: -s -s (the error counters) is not supported by"
            + " smpsim's ip; give -s once\n");
      }
      if (at >= argv.size()) {
        return new ShellResult(255, "", "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n");
      }
      String obj = argv.get(at);
      Args a = new Args(argv, at + 1);
      if (Args.matches(obj, "link")) {
        return link(a, nowNs, stats > 0);
      }
      if (Args.matches(obj, "address")) {
        return addresses.address(a, stats > 0);
      }
      if (Args.matches(obj, "neighbor") || Args.matches(obj, "neighbour")) {
        return addresses.record(a, false);
      }
      for (String known : OBJECTS) {
        if (Args.matches(obj, known)) {
          return new ShellResult(255, "", "ip: object \"" + known + "\" is not supported by"
              + " smpsim's ip (link, address and neighbour are)\n");
        }
      }
      return new ShellResult(255, "",
          "Object \"" + obj + "\" is unknown, try \"ip help\".\n");
    } catch (TcExit e) {
      return new ShellResult(e.status(), "", e.stderrText());
    }
  }

  /**
   * do_setlink()'s IFLA_ADDRESS: an Ethernet address is 6 bytes (shorter: EINVAL); loopback has
   * no ndo_set_mac_address (EOPNOTSUPP); eth_mac_addr() refuses a multicast or all-zero address
   * (is_valid_ether_addr: EADDRNOTAVAIL). Null when it is set.
   */
  private static ShellResult setAddress(NetDevice d, String text) {
    String[] parts = text.split("[:.]");
    if (d.kind() == DeviceKind.LOOPBACK) {
      return new ShellResult(2, "", "RTNETLINK answers: Operation not supported\n");
    }
    if (parts.length < 6) {
      return new ShellResult(2, "", "RTNETLINK answers: Invalid argument\n");
    }
    int[] b = new int[6];
    boolean zero = true;
    for (int i = 0; i < 6; i++) {
      b[i] = Integer.parseInt(parts[i], 16);
      zero &= b[i] == 0;
    }
    if ((b[0] & 1) != 0 || zero) {
      return new ShellResult(2, "", "RTNETLINK answers: Cannot assign requested address\n");
    }
    d.setLladdr(String.format("%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4],
        b[5]));
    return null;
  }

  /**
   * The objects of iproute2 6.1's ip (ip/ip.c cmds[]), in its order, which decides what a
   * prefix names ({@code ip r} is route); smpsim's ip runs link, address and neighbour.
   */
  private static final List<String> OBJECTS = List.of("address", "addrlabel", "maddress",
      "route", "rule", "neighbor", "neighbour", "ntable", "ntbl", "link", "l2tp", "fou", "ila",
      "macsec", "tunnel", "tuntap", "tap", "token", "tcpmetrics", "tcp_metrics", "monitor",
      "xfrm", "mroute", "mrule", "netns", "netconf", "vrf", "sr", "nexthop", "mptcp", "ioam",
      "stats");

  /** iproute2 options smpsim's ip knows but does not print (json, details, one-line ...). */
  private static final java.util.Set<String> UNSUPPORTED_OPTIONS = java.util.Set.of("-d",
      "-details", "-j", "-json", "-p", "-pretty", "-o", "-oneline", "-br", "-brief", "-c",
      "-color", "-4", "-6", "-0", "-h", "-human", "-human-readable", "-iec", "-n", "-netns",
      "-t", "-timestamp", "-ts", "-tshort", "-r", "-resolve", "-a", "-all", "-b", "-batch",
      "-f", "-family", "-l", "-loops", "-rc", "-rcvbuf", "-N", "-Numeric");

  /** ip's answer for a device that does not exist. */
  static ShellResult nodev(String name) {
    return new ShellResult(1, "", "Cannot find device \"" + name + "\"\n");
  }

  private ShellResult link(Args a, long now, boolean stats) {
    if (!a.more()) {
      return addresses.show(null, stats, false);
    }
    String cmd = a.cur();
    a.advance();
    if (Args.matches(cmd, "add")) {
      return add(a, now);
    }
    if (Args.matches(cmd, "set")) {
      return set(a, now);
    }
    if (Args.matches(cmd, "delete")) {
      String name = a.more() && a.cur().equals("dev") ? a.next() : (a.more() ? a.cur() : null);
      NetDevice d = name == null ? null : ns.device(name);
      if (d == null) {
        return nodev(String.valueOf(name));
      }
      if (d.kind() == DeviceKind.NIC || d.kind() == DeviceKind.LOOPBACK) {
        // No rtnl_link_ops->dellink: hardware and lo cannot be deleted.
        return new ShellResult(2, "", "RTNETLINK answers: Operation not supported\n");
      }
      delete(d);
      return ShellResult.ok("");
    }
    if (Args.matches(cmd, "show") || Args.matches(cmd, "list") || Args.matches(cmd, "lst")) {
      String name = a.more() && a.cur().equals("dev") ? a.next() : (a.more() ? a.cur() : null);
      if (name != null && ns.device(name) == null) {
        return new ShellResult(1, "", "Device \"" + name + "\" does not exist.\n");
      }
      return addresses.show(name, stats, false);
    }
    return new ShellResult(255, "",
        "Command \"" + cmd + "\" is unknown, try \"ip link help\".\n");
  }

  /** The parts of iplink_parse() the oracle uses: name, queue counts, qlen, mtu. */
  private static final class LinkSpec {
    String name;
    int numTx = -1;
    int numRx = -1;
    int txqlen = -1;
    int mtu = -1;
    String type;
    LinkSpec peer;
  }

  private static int num(Args a, String what) {
    String v = a.next();
    Long n = TcUnits.getU32(v, 0);
    if (n == null) {
      throw TcExit.invarg("Invalid \"" + what + "\" value\n", v);
    }
    return (int) (long) n;
  }

  private static LinkSpec parseSpec(Args a, boolean allowType) {
    LinkSpec s = new LinkSpec();
    while (a.more()) {
      String w = a.cur();
      if (w.equals("name")) {
        s.name = a.next();
        // ip/iplink.c: check_ifname() (utils.c): not empty, under IFNAMSIZ, no '/' or space.
        if (!validIfname(s.name, IFNAMSIZ - 1)) {
          throw TcExit.invarg("\"name\" not a valid ifname", s.name);
        }
      } else if (w.equals("numtxqueues")) {
        s.numTx = num(a, "numtxqueues");
      } else if (w.equals("numrxqueues")) {
        s.numRx = num(a, "numrxqueues");
      } else if (w.equals("txqueuelen") || w.equals("qlen") || w.equals("txqlen")) {
        s.txqlen = num(a, "txqueuelen");
      } else if (w.equals("mtu")) {
        s.mtu = num(a, "mtu");
      } else if (w.equals("type") && allowType) {
        s.type = a.next();
        a.advance();
        if (s.type.equals("veth") && a.more() && a.cur().equals("peer")) {
          a.advance();
          s.peer = parseSpec(a, false);
        }
        break;
      } else if (s.name == null) {
        // The bare DEVICE: check_altifname(), which allows ALTIFNAMSIZ (128) characters; a
        // longer-than-IFNAMSIZ name is then refused by the kernel's IFLA_IFNAME policy.
        if (!validIfname(w, ALTIFNAMSIZ - 1)) {
          throw TcExit.invarg("\"dev\" not a valid ifname", w);
        }
        s.name = w;
      } else {
        throw TcExit.duparg2("dev", w);
      }
      a.advance();
    }
    return s;
  }

  private static final int IFNAMSIZ = 16;
  private static final int ALTIFNAMSIZ = 128;
  /** net/core/rtnetlink.c rtnl_create_link(): 1 .. 4096 TX and RX queues. */
  private static final int MAX_QUEUES = 4096;

  /** utils.c __check_ifname() and the length limit {@code max}. */
  private static boolean validIfname(String name, int max) {
    if (name.isEmpty() || name.length() > max) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * What the kernel refuses in the RTM_NEWLINK of {@code s} (rtnl_create_link and the
   * IFLA_IFNAME policy, in that order of checks), as iproute2 prints its extack; null if none.
   */
  private static ShellResult refused(LinkSpec s) {
    if (s.name != null && s.name.length() > IFNAMSIZ - 1) {
      return new ShellResult(2, "", "Error: Attribute failed policy validation.\n");
    }
    if (s.numTx == 0 || s.numTx > MAX_QUEUES) {
      return new ShellResult(2, "", "Error: Invalid number of transmit queues.\n");
    }
    if (s.numRx == 0 || s.numRx > MAX_QUEUES) {
      return new ShellResult(2, "", "Error: Invalid number of receive queues.\n");
    }
    return null;
  }

  private ShellResult add(Args a, long now) {
    LinkSpec s = parseSpec(a, true);
    if (s.type == null) {
      return new ShellResult(2, "", "Not enough information: \"type\" argument is required\n");
    }
    DeviceKind kind;
    switch (s.type) {
      case "veth": kind = DeviceKind.VETH; break;
      case "dummy": kind = DeviceKind.DUMMY; break;
      case "ifb": kind = DeviceKind.IFB; break;
      default:
        return new ShellResult(2, "", "Error: Unknown device type.\n");
    }
    ShellResult bad = refused(s);
    if (bad == null && s.peer != null) {
      bad = refused(s.peer);
    }
    if (bad != null) {
      return bad;
    }
    if (s.name == null) {
      s.name = kind.linkKind() + "%d";
    }
    // veth_newlink() registers the peer, then the device: a peer named like the device (or
    // like any device) makes one of the two register_netdevice() calls fail with EEXIST.
    if (ns.device(s.name) != null
        || (s.peer != null && s.peer.name != null && (ns.device(s.peer.name) != null
            || s.peer.name.equals(s.name)))) {
      return new ShellResult(2, "", "RTNETLINK answers: File exists\n");
    }
    int defQueues = kind == DeviceKind.VETH ? ns.possibleCpus() : 1;
    if (kind == DeviceKind.VETH) {
      LinkSpec p = s.peer != null ? s.peer : new LinkSpec();
      String peerName = p.name != null ? p.name : "veth" + ns.devices().size();
      NetDevice peer = create(peerName, kind, p, defQueues);
      NetDevice main = create(s.name, kind, s, defQueues);
      peer.setPeer(main.name());
      main.setPeer(peer.name());
    } else {
      create(s.name, kind, s, defQueues);
    }
    return ShellResult.ok("");
  }

  private NetDevice create(String name, DeviceKind kind, LinkSpec s, int defQueues) {
    int tx = s.numTx > 0 ? s.numTx : defQueues;
    int rx = s.numRx > 0 ? s.numRx : defQueues;
    NetDevice d = ns.addDevice(name, kind, tx, rx);
    if (s.txqlen >= 0) {
      d.setTxQueueLen(s.txqlen);
    }
    if (s.mtu > 0) {
      d.setMtu(s.mtu);
    }
    return d;
  }

  private void delete(NetDevice d) {
    NetDevice peer = d.peer() == null ? null : ns.device(d.peer());
    SchGeneric.shutdown(d, ns.noop());
    ns.removeDevice(d);
    if (peer != null) {
      SchGeneric.shutdown(peer, ns.noop());
      ns.removeDevice(peer);
    }
  }

  private ShellResult set(Args a, long now) {
    String name = null;
    Boolean up = null;
    Integer txqlen = null;
    Integer mtu = null;
    String lladdr = null;
    while (a.more()) {
      String w = a.cur();
      if (w.equals("dev")) {
        name = a.next();
      } else if (w.equals("up")) {
        up = true;
      } else if (w.equals("down")) {
        up = false;
      } else if (w.equals("txqueuelen") || w.equals("qlen") || w.equals("txqlen")) {
        txqlen = num(a, "txqueuelen");
      } else if (w.equals("mtu")) {
        mtu = num(a, "mtu");
      } else if (w.equals("address")) {
        lladdr = a.next();
        if (lladdr == null || !IpAddress.validLladdr(lladdr)) {
          // lib/ll_addr.c ll_addr_a2n(); ip link then returns -1.
          return new ShellResult(255, "", "\"" + lladdr + "\" is invalid lladdr.\n");
        }
      } else if (name == null) {
        name = w;
      } else {
        throw TcExit.duparg2("dev", w);
      }
      a.advance();
    }
    if (name == null) {
      return new ShellResult(255, "", "Not enough of information: \"dev\" argument is required.\n");
    }
    NetDevice d = ns.device(name);
    if (d == null) {
      return nodev(name);
    }
    if (lladdr != null) {
      ShellResult refused = setAddress(d, lladdr);
      if (refused != null) {
        return refused;
      }
    }
    if (mtu != null) {
      d.setMtu(mtu);
    }
    if (txqlen != null) {
      d.setTxQueueLen(txqlen);
    }
    if (up != null && up != d.isUp()) {
      d.setUp(up);
      if (up) {
        SchGeneric.activate(d, kinds, new QdiscCtx(now, ns.random(), new Extack()));
      }
    }
    return ShellResult.ok("");
  }
}

package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.cls.Flower;
import io.smpsim.kernel.net.cls.Fw;
import io.smpsim.kernel.net.cls.Matchall;
import io.smpsim.kernel.net.cls.TcAction;
import io.smpsim.kernel.net.cls.TcFilter;
import io.smpsim.kernel.net.cls.TcfBlock;
import io.smpsim.kernel.net.cls.TcfProto;
import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.sched.Qdisc;
import io.smpsim.kernel.net.sched.QdiscTree;
import io.smpsim.kernel.net.sched.TcH;

/**
 * {@code tc filter add|del|show} (tc/tc_filter.c, f_matchall.c, f_flower.c, f_fw.c) for the
 * matchall, flower (IPv4 5-tuple) and fw classifiers with classid/flowid and gact actions,
 * and the block lookup of net/sched/cls_api.c.
 */
final class TcFilterCommand {

  private static final int ETH_P_ALL = TcfProto.ETH_P_ALL;

  /** The classifiers smpsim's kernel has (net/sched/cls_*.c). */
  private static final java.util.Set<String> MODELLED = java.util.Set.of("matchall", "flower",
      "fw");

  /**
   * The classifiers iproute2 6.1's tc parses options for (tc/f_*.c): it reads theirs whatever
   * the kernel has; for any other kind it can only refuse options (parse_noqopt).
   */
  private static final java.util.Set<String> IPROUTE2 = java.util.Set.of("basic", "bpf",
      "cgroup", "flow", "flower", "fw", "matchall", "route", "rsvp", "tcindex", "u32");

  int doFilter(Args a, TcContext c, JsonPrint out, long now) {
    out.textOnly();
    if (!a.more()) {
      c.err("Usage: tc filter [ add | del | change | replace | show ] [ dev STRING ]\n");
      return 255;
    }
    String cmd = a.cur();
    a.advance();
    if (Args.matches(cmd, "add") || Args.matches(cmd, "replace")
        || Args.matches(cmd, "change")) {
      return modify(true, a, c);
    }
    if (Args.matches(cmd, "delete")) {
      return modify(false, a, c);
    }
    if (Args.matches(cmd, "list") || Args.matches(cmd, "show")) {
      return list(a, c, out);
    }
    c.err("Command \"" + cmd + "\" is unknown, try \"tc filter help\".\n");
    return 255;
  }

  private static int protocol(String p) {
    switch (p) {
      case "ip": return Packet.ETH_P_IP;
      case "all": return ETH_P_ALL;
      case "ipv6": return 0x86DD;
      case "arp": return 0x0806;
      default:
        Long v = TcUnits.getU16(p, 0);
        if (v == null) {
          throw TcExit.invarg("invalid protocol", p);
        }
        return (int) (long) v;
    }
  }

  private static String protoName(int p) {
    switch (p) {
      case Packet.ETH_P_IP: return "ip";
      case ETH_P_ALL: return "all";
      case 0x86DD: return "ipv6";
      case 0x0806: return "arp";
      default: return "[" + Integer.toHexString(p) + "]";
    }
  }

  /** The block a request names, with the parent it names once a missing one is filled in. */
  private record Found(TcfBlock block, int parent) {}

  /**
   * __tcf_qdisc_find + __tcf_block_find: the block a filter on {@code parent} goes to. No
   * parent means the root qdisc's own block. {@code root} (ffff:ffff) is not special here: it
   * looks up qdisc ffff:, which is the ingress/clsact qdisc when there is one.
   */
  private static Found block(NetDevice dev, int parent) {
    Qdisc q;
    if (parent == 0) {
      q = dev.qdisc();
      parent = q.handle();
    } else {
      q = QdiscTree.lookup(dev, TcH.maj(parent));
    }
    if (q == null) {
      throw new NetlinkException(Errno.EINVAL, "Parent Qdisc doesn't exists");
    }
    if (!q.classful()) {
      throw new NetlinkException(Errno.EINVAL, "Qdisc not classful");
    }
    int cl = 0;
    if (TcH.min(parent) != 0) {
      cl = q.clFind(parent);
      if (cl == 0) {
        throw new NetlinkException(Errno.ENOENT, "Specified class doesn't exist");
      }
    }
    TcfBlock b = q.block(cl);
    if (b == null) {
      throw new NetlinkException(Errno.EOPNOTSUPP, "Class doesn't support blocks");
    }
    return new Found(b, parent);
  }

  /**
   * How tc_filter.c print_filter() names a filter's parent: not at all when the dump's parent
   * equals the one the user asked to show, otherwise {@code root}, {@code ingress},
   * {@code egress} (the clsact minors, on any ingress-type qdisc) or {@code parent X}.
   */
  static String parentLabel(int shown, int dumped) {
    if (shown != 0 && shown == dumped) {
      return "";
    }
    if (dumped == TcH.ROOT) {
      return "root ";
    }
    if (dumped == TcH.make(TcH.INGRESS, TcH.MIN_INGRESS)) {
      return "ingress ";
    }
    if (dumped == TcH.make(TcH.INGRESS, TcH.MIN_EGRESS)) {
      return "egress ";
    }
    return "parent " + TcH.format(dumped) + " ";
  }

  /**
   * The parent tc_filter.c's {@code root}, {@code ingress}, {@code egress} or
   * {@code parent CLASSID} names, the same for a change and a list; {@code null} for any other
   * word.
   */
  private static Integer parentWord(String w, Args a) {
    switch (w) {
      case "root": return TcH.ROOT;
      case "ingress": return TcH.make(TcH.INGRESS, TcH.MIN_INGRESS);
      case "egress": return TcH.make(TcH.INGRESS, TcH.MIN_EGRESS);
      case "parent": return TcIds.classid(a.next(), "invalid parent ID");
      default: return null;
    }
  }

  private int modify(boolean add, Args a, TcContext c) {
    String dev = null;
    int parent = 0;
    int protocol = -1;
    int prio = 0;
    String handle = null;
    String kind = null;
    while (a.more()) {
      String w = a.cur();
      Integer named = parentWord(w, a);
      if (named != null) {
        parent = named;
      } else if (w.equals("dev")) {
        dev = TcIds.name16(a.nextOnce(dev != null, "dev"));
      } else if (w.equals("handle")) {
        handle = a.next();
      } else if (Args.matches(w, "preference") || Args.matches(w, "priority")) {
        String v = a.next();
        Long p = TcUnits.getU32(v, 0);
        if (p == null || p > 0xFFFF) {
          throw TcExit.invarg("invalid priority value", v);
        }
        prio = (int) (long) p;
      } else if (Args.matches(w, "protocol")) {
        protocol = protocol(a.next());
      } else {
        kind = w;
        a.advance();
        break;
      }
      a.advance();
    }
    if (kind != null && !MODELLED.contains(kind)) {
      if (!IPROUTE2.contains(kind) && a.more()) {
        c.err("Unknown filter \"" + kind + "\", hence option \"" + a.cur()
            + "\" is unparsable\n");
        return 1;
      }
      // iproute2 parses this classifier's own options; smpsim's kernel has no such module, so
      // the request gets as far as tcf_proto_lookup_ops() ("TC classifier not found").
      while (a.more()) {
        a.advance();
      }
    }
    int classid = 0;
    int action = TcAction.UNSPEC;
    Flower.Keys keys = new Flower.Keys(-1, 0, 0, 0, 0, -1, -1);
    while (a.more()) {
      String w = a.cur();
      if (w.equals("classid") || w.equals("flowid")) {
        Integer h = TcIds.classid(a.next());
        if (h == null) {
          throw c.illegal("classid");
        }
        classid = h;
      } else if (w.equals("action") || w.equals("actions")) {
        String v = a.next();
        action = switch (v) {
          case "drop", "shot" -> TcAction.SHOT;
          case "pass", "ok" -> TcAction.OK;
          case "pipe" -> TcAction.PIPE;
          case "stolen" -> TcAction.STOLEN;
          default -> throw new TcExit(1, "Bad action type " + v + "\n");
        };
        if (a.peekNext() != null && a.peekNext().equals("gact")) {
          a.advance();
        }
      } else if (kind != null && kind.equals("flower")) {
        keys = flowerKey(keys, w, a.next(), c);
      } else {
        c.err("What is \"" + w + "\"?\n");
        return 1;
      }
      a.advance();
    }
    NetDevice d = c.device(dev);
    if (d == null) {
      throw TcCommand.kernelError(new NetlinkException(Errno.EINVAL), c.err.toString());
    }
    try {
      Found found = block(d, parent);
      TcfBlock b = found.block();
      if (add) {
        b.setClassid(found.parent());
        addFilter(b, prio, protocol, kind, handle, classid, action, keys);
      } else {
        delFilter(b, prio);
      }
    } catch (NetlinkException e) {
      // tc_filter.c tc_filter_modify(): the kernel's answer, then its own complaint.
      TcExit k = TcCommand.kernelError(e, c.err.toString());
      throw new TcExit(k.status(), k.stderrText() + "We have an error talking to the kernel\n");
    }
    return 0;
  }

  private static Flower.Keys flowerKey(Flower.Keys k, String key, String v, TcContext c) {
    switch (key) {
      case "ip_proto": {
        int p = v.equals("udp") ? Packet.IPPROTO_UDP : v.equals("tcp") ? Packet.IPPROTO_TCP
            : v.equals("icmp") ? 1 : -1;
        if (p < 0) {
          Long n = TcUnits.getU32(v, 0);
          if (n == null || n > 255) {
            throw c.illegal("ip_proto");
          }
          p = (int) (long) n;
        }
        return new Flower.Keys(p, k.srcIp(), k.srcPrefix(), k.dstIp(), k.dstPrefix(),
            k.srcPort(), k.dstPort());
      }
      case "src_ip":
      case "dst_ip": {
        int[] ap = NetAddr.parsePrefix(v);
        if (ap == null) {
          throw c.illegal(key);
        }
        return key.equals("src_ip")
            ? new Flower.Keys(k.ipProto(), ap[0], ap[1], k.dstIp(), k.dstPrefix(), k.srcPort(),
                k.dstPort())
            : new Flower.Keys(k.ipProto(), k.srcIp(), k.srcPrefix(), ap[0], ap[1], k.srcPort(),
                k.dstPort());
      }
      case "src_port":
      case "dst_port": {
        Long port = TcUnits.getU16(v, 10);
        int pt = (int) c.need(port, key);
        return key.equals("src_port")
            ? new Flower.Keys(k.ipProto(), k.srcIp(), k.srcPrefix(), k.dstIp(), k.dstPrefix(), pt,
                k.dstPort())
            : new Flower.Keys(k.ipProto(), k.srcIp(), k.srcPrefix(), k.dstIp(), k.dstPrefix(),
                k.srcPort(), pt);
      }
      default:
        c.err("What is \"" + key + "\"?\n");
        throw c.fail();
    }
  }

  private static void addFilter(TcfBlock b, int prio, int protocol, String kind, String handle,
      int classid, int action, Flower.Keys keys) {
    TcfProto tp = prio == 0 ? null : b.find(prio);
    if (tp == null) {
      if (protocol < 0) {
        throw new NetlinkException(Errno.ENOENT,
            "Filter with specified priority/protocol not found");
      }
      if (prio == 0) {
        prio = b.isEmpty() ? 0xC000 : Math.max(1, b.protos().get(0).prio() - 1);
      }
      if (!MODELLED.contains(kind)) {
        // cls_api.c tcf_proto_lookup_ops(): no cls_<kind> module to load.
        throw new NetlinkException(Errno.ENOENT, "TC classifier not found");
      }
      tp = new TcfProto(prio, protocol, kind);
      b.insert(tp);
    } else if (!tp.kind().equals(kind)) {
      throw new NetlinkException(Errno.EINVAL, "Specified filter kind does not match existing one");
    }
    int h = tp.filters().size() + 1;
    TcFilter f;
    switch (kind) {
      case "fw": {
        long mark = 0;
        long mask = 0xFFFFFFFFL;
        if (handle != null) {
          int slash = handle.indexOf('/');
          Long m = TcUnits.getU32(slash >= 0 ? handle.substring(0, slash) : handle, 0);
          mark = m == null ? 0 : m;
          if (slash >= 0) {
            Long mk = TcUnits.getU32(handle.substring(slash + 1), 0);
            mask = mk == null ? mask : mk;
          }
        }
        f = new Fw((int) mark, mask, classid, action);
        break;
      }
      case "flower":
        f = new Flower(h, keys, classid, action);
        break;
      default:
        f = new Matchall(h, classid, action);
    }
    tp.filters().add(f);
  }

  private static void delFilter(TcfBlock b, int prio) {
    if (prio == 0) {
      b.protos().clear();
      return;
    }
    TcfProto tp = b.find(prio);
    if (tp == null) {
      throw new NetlinkException(Errno.ENOENT, "Filter with specified priority/protocol not found");
    }
    b.remove(tp);
  }

  private int list(Args a, TcContext c, JsonPrint out) {
    String dev = null;
    int parent = 0;
    while (a.more()) {
      String w = a.cur();
      Integer named = parentWord(w, a);
      if (named != null) {
        parent = named;
      } else if (w.equals("dev")) {
        dev = TcIds.name16(a.nextOnce(dev != null, "dev"));
      } else {
        c.err("What is \"" + w + "\"? Try \"tc filter help\"\n");
        return 255;
      }
      a.advance();
    }
    NetDevice d = c.device(dev);
    if (d == null) {
      return 0;
    }
    TcfBlock b;
    try {
      b = block(d, parent).block();
    } catch (NetlinkException e) {
      return 0;
    }
    String label = parentLabel(parent, b.classid());
    for (TcfProto tp : b.protos()) {
      String head = "filter " + label + "protocol "
          + protoName(tp.protocol()) + " pref " + tp.prio() + " " + tp.kind() + " chain 0 ";
      out.fp(head + "\n");
      for (TcFilter f : tp.filters()) {
        StringBuilder s = new StringBuilder(head);
        s.append("handle 0x").append(Integer.toHexString(f.handle()));
        s.append(f.describe()).append(' ');
        if (f.classid() != 0) {
          s.append("classid ").append(TcH.format(f.classid())).append(' ');
        }
        if (f.action() != TcAction.UNSPEC) {
          s.append("\n\taction order 1: gact action ").append(TcAction.name(f.action()));
        }
        out.fp(s.append('\n').toString());
      }
    }
    return 0;
  }
}

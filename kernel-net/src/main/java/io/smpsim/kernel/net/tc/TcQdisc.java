package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.dev.NetNamespace;
import io.smpsim.kernel.net.sched.QStats;
import io.smpsim.kernel.net.sched.QdiscApi;
import io.smpsim.kernel.net.sched.QdiscDump;
import io.smpsim.kernel.net.sched.SizeSpec;
import io.smpsim.kernel.net.sched.TcEstimator;
import io.smpsim.kernel.net.sched.TcH;
import io.smpsim.kernel.net.sched.TcMsg;

/**
 * {@code tc qdisc} (iproute2 6.1 tc_qdisc.c): add, change, replace, link and delete
 * ({@code tc_qdisc_modify()}) and the list ({@code tc_qdisc_list()}, {@code print_qdisc()}).
 */
final class TcQdisc {

  private final NetNamespace ns;
  private final QdiscApi api;

  TcQdisc(NetNamespace ns, QdiscApi api) {
    this.ns = ns;
    this.api = api;
  }

  /** tc qdisc ...: the modify verbs, or the list. */
  int doQdisc(Args a, TcContext c, JsonPrint out, long now) {
    if (!a.more()) {
      return qdiscList(a, c, out, now);
    }
    String cmd = a.cur();
    a.advance();
    if (Args.matches(cmd, "add")) {
      return qdiscModify(false, TcMsg.NLM_F_EXCL | TcMsg.NLM_F_CREATE, a, c, now);
    }
    if (Args.matches(cmd, "change")) {
      return qdiscModify(false, 0, a, c, now);
    }
    if (Args.matches(cmd, "replace")) {
      return qdiscModify(false, TcMsg.NLM_F_CREATE | TcMsg.NLM_F_REPLACE, a, c, now);
    }
    if (Args.matches(cmd, "link")) {
      return qdiscModify(false, TcMsg.NLM_F_REPLACE, a, c, now);
    }
    if (Args.matches(cmd, "delete")) {
      return qdiscModify(true, 0, a, c, now);
    }
    if (Args.matches(cmd, "list") || Args.matches(cmd, "show") || Args.matches(cmd, "lst")) {
      return qdiscList(a, c, out, now);
    }
    if (Args.matches(cmd, "help")) {
      c.err(qdiscUsage());
      return 0;
    }
    c.err("Command \"" + cmd + "\" is unknown, try \"tc qdisc help\".\n");
    return 255;
  }

  /** tc_qdisc_modify(). */
  private int qdiscModify(boolean delete, int flags, Args a, TcContext c, long now) {
    String dev = null;
    int handle = 0;
    int parent = 0;
    String kind = null;
    TcEstimator est = null;
    SizeSpec stab = null;
    boolean stabGiven = false;
    int ingressBlock = 0;
    int egressBlock = 0;
    QdiscUtil util = null;
    while (a.more()) {
      String w = a.cur();
      if (w.equals("dev")) {
        dev = TcIds.name16(a.nextOnce(dev != null, "dev"));
      } else if (w.equals("handle")) {
        if (handle != 0) {
          throw TcExit.duparg("handle", w);
        }
        handle = TcIds.qdiscHandle(a.next(), "invalid qdisc ID");
      } else if (w.equals("root")) {
        if (parent != 0) {
          c.err("Error: \"root\" is duplicate parent ID\n");
          return 255;
        }
        parent = TcH.ROOT;
      } else if (w.equals("clsact") || w.equals("ingress")) {
        if (parent != 0) {
          c.err("Error: \"" + w + "\" is a duplicate parent ID\n");
          return 255;
        }
        parent = TcH.INGRESS;
        kind = w;
        util = TcModules.get(w);
        handle = TcH.make(TcH.INGRESS, 0);
        a.advance();
        break;
      } else if (w.equals("parent")) {
        parent = TcIds.classid(a.nextOnce(parent != 0, "parent"), "invalid parent ID");
      } else if (Args.matches(w, "estimator")) {
        est = TcIds.estimator(a, est != null);
      } else if (Args.matches(w, "stab")) {
        stab = SizeTableParser.parse(a);
        if (stab == null) {
          return 255;
        }
        stabGiven = true;
        continue;
      } else if (Args.matches(w, "ingress_block") || Args.matches(w, "egress_block")) {
        String v = a.next();
        Long b = TcUnits.getU32(v, 0);
        if (b == null || b == 0) {
          throw TcExit.invarg("invalid " + (w.startsWith("i") ? "ingress" : "egress")
              + " block index value", v);
        }
        if (w.startsWith("i")) {
          ingressBlock = (int) (long) b;
        } else {
          egressBlock = (int) (long) b;
        }
      } else if (Args.matches(w, "help")) {
        c.err(qdiscUsage());
      } else {
        kind = TcIds.name16(w);
        util = TcModules.get(kind);
        a.advance();
        break;
      }
      a.advance();
    }
    Object options = null;
    if (util != null) {
      if (util.hasParseQopt()) {
        options = util.parseQopt(kind, a, dev, c);
      } else if (a.more()) {
        c.err("qdisc '" + kind + "' does not support option parsing\n");
        return 255;
      }
    } else if (a.more()) {
      c.err("Garbage instead of arguments \"" + a.cur() + " ...\". Try \"tc qdisc help\".\n");
      return 255;
    }
    int ifindex = c.ifindex(dev);
    TcMsg m = new TcMsg(flags, ifindex, handle, parent, kind, options, est,
        stabGiven ? stab : null, ingressBlock, egressBlock);
    return RtnlTalk.talk(c, now, ctx -> {
      if (delete) {
        api.getQdisc(m, true, ctx);
      } else {
        api.modifyQdisc(m, ctx);
      }
    });
  }

  private static String qdiscUsage() {
    return "Usage: tc qdisc [ add | del | replace | change | show ] dev STRING\n"
        + "       [ handle QHANDLE ] [ root | ingress | clsact | parent CLASSID ]\n"
        + "       [ estimator INTERVAL TIME_CONSTANT ]\n"
        + "       [ stab [ help | STAB_OPTIONS] ]\n"
        + "       [ ingress_block BLOCK_INDEX ] [ egress_block BLOCK_INDEX ]\n"
        + "       [ [ QDISC_KIND ] [ help | OPTIONS ] ]\n"
        + "\n"
        + "       tc qdisc { show | list } [ dev STRING ] [ QDISC_ID ] [ invisible ]\n"
        + "Where:\n"
        + "QDISC_KIND := { [p|b]fifo | tbf | prio | cbq | red | etc. }\n"
        + "OPTIONS := ... try tc qdisc add <desired QDISC_KIND> help\n"
        + "STAB_OPTIONS := ... try tc qdisc add stab help\n"
        + "QDISC_ID := { root | ingress | handle QHANDLE | parent CLASSID }\n";
  }

  /** tc_qdisc_list(). */
  private int qdiscList(Args a, TcContext c, JsonPrint out, long now) {
    String dev = null;
    int filterParent = 0;
    int filterHandle = 0;
    boolean invisible = false;
    while (a.more()) {
      String w = a.cur();
      if (w.equals("dev")) {
        // tc_qdisc_list(): no duplicate check, the name cut to IFNAMSIZ - 1.
        dev = TcIds.name16(a.next());
      } else if (w.equals("root") || w.equals("ingress") || w.equals("clsact")
          || Args.matches(w, "parent") || Args.matches(w, "handle")) {
        if (filterParent != 0) {
          throw TcExit.invarg("parent is already specified", w);
        } else if (filterHandle != 0) {
          throw TcExit.invarg("handle is already specified", w);
        }
        if (w.equals("root")) {
          filterParent = TcH.ROOT;
        } else if (w.equals("ingress") || w.equals("clsact")) {
          filterParent = TcH.INGRESS;
        } else if (Args.matches(w, "parent")) {
          filterParent = TcIds.classid(a.next(), "invalid parent ID");
        } else {
          filterHandle = TcIds.qdiscHandle(a.next(), "invalid handle ID");
        }
      } else if (Args.matches(w, "help")) {
        c.err(qdiscUsage());
      } else if (w.equals("invisible")) {
        invisible = true;
      } else {
        c.err("What is \"" + w + "\"? Try \"tc qdisc help\".\n");
        return 255;
      }
      a.advance();
    }
    int filterIfindex = c.ifindex(dev);
    out.newJsonObj();
    for (QdiscDump q : api.dumpQdiscs(invisible, now)) {
      if (filterIfindex != 0 && q.ifindex() != filterIfindex) {
        continue;
      }
      if (filterHandle != 0 && filterHandle != q.handle()) {
        continue;
      }
      if (filterParent != 0 && filterParent != q.parent()) {
        continue;
      }
      printQdisc(q, filterIfindex == 0, c, out);
    }
    out.deleteJsonObj();
    return 0;
  }

  /** print_qdisc(). */
  private void printQdisc(QdiscDump q, boolean showDev, TcContext c, JsonPrint out) {
    out.openObject(null);
    out.string("kind", q.kind(), "qdisc " + q.kind());
    String h = TcH.formatMajor(q.handle());
    out.string("handle", h, " " + h);
    if (c.raw) {
      out.fp(String.format("[%08x]", q.handle()));
    }
    out.fp(" ");
    if (showDev) {
      String name = ns.device(q.ifindex()).name();
      out.fp("dev ");
      out.string("dev", name, name + " ");
    }
    if (q.parent() == TcH.ROOT) {
      out.bool("root", true, "root ");
    } else if (q.parent() != 0) {
      String p = TcH.format(q.parent());
      out.string("parent", p, "parent " + p + " ");
    }
    if (q.refcnt() != 1) {
      out.unsigned("refcnt", q.refcnt(), "refcnt " + q.refcnt() + " ");
    }
    if (q.ingressBlock() != 0) {
      out.unsigned("ingress_block", q.ingressBlock(), "ingress_block " + q.ingressBlock() + " ");
    }
    if (q.egressBlock() != 0) {
      out.unsigned("egress_block", q.egressBlock(), "egress_block " + q.egressBlock() + " ");
    }
    String printKind = q.kind().equals("pfifo_fast") ? "prio" : q.kind();
    QdiscUtil util = TcModules.get(printKind);
    out.openObject("options");
    if (q.options() != null) {
      if (util != null) {
        util.printQopt(q.kind(), out, q.options(), c);
      }
    }
    out.closeObject();
    out.nl();
    if (c.details && q.stab() != null) {
      SizeTableParser.print(out, q.stab());
      out.nl();
    }
    if (c.stats) {
      printStats(out, q.stats());
      out.nl();
      printXstats(out, util, q.xstats());
    }
    out.closeObject();
  }

  /** The kind's print_xstats() output on a line of its own; nothing when it has none. */
  static void printXstats(JsonPrint out, QdiscUtil util, Object xstats) {
    if (xstats == null || util == null) {
      return;
    }
    String x = util.printXstats(xstats);
    if (x != null) {
      out.fp(x);
      out.nl();
    }
  }

  /** print_tcstats2_attr() with the " " prefix. */
  static void printStats(JsonPrint out, QStats s) {
    out.fp(" ");
    out.unsigned("bytes", s.bytes(), "Sent " + Long.toUnsignedString(s.bytes()) + " bytes");
    out.unsigned("packets", s.packets(), " " + s.packets() + " pkt");
    out.unsigned("drops", s.drops(), " (dropped " + s.drops());
    out.unsigned("overlimits", s.overlimits(), ", overlimits " + s.overlimits());
    out.unsigned("requeues", s.requeues(), " requeues " + s.requeues() + ") ");
    if (s.hasRateEst()) {
      out.fp("\n ");
      out.jsonUnsigned("rate", s.bps());
      out.fp("rate " + TcUnits.sprintRate(s.bps()));
      out.unsigned("pps", s.pps(), " " + s.pps() + "pps");
    } else {
      out.nl();
    }
    out.fp(" ");
    long bl = s.backlog() & 0xFFFFFFFFL;
    out.unsigned("backlog", bl, "backlog " + TcUnits.sprintSize(bl));
    out.unsigned("qlen", s.qlen(), " " + s.qlen() + "p");
    out.fp(" requeues " + s.requeues());
  }
}

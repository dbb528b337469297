package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetNamespace;
import io.smpsim.kernel.net.sched.ClassDump;
import io.smpsim.kernel.net.sched.Extack;
import io.smpsim.kernel.net.sched.QStats;
import io.smpsim.kernel.net.sched.QdiscApi;
import io.smpsim.kernel.net.sched.QdiscCtx;
import io.smpsim.kernel.net.sched.QdiscDump;
import io.smpsim.kernel.net.sched.SizeSpec;
import io.smpsim.kernel.net.sched.TcEstimator;
import io.smpsim.kernel.net.sched.TcH;
import io.smpsim.kernel.net.sched.TcMsg;
import java.util.List;

/**
 * The {@code tc} program (iproute2 6.1 tc.c, tc_qdisc.c, tc_class.c): argument parsing with its
 * exact diagnostics and exit statuses, the netlink request to the simulated kernel, and output
 * formatting byte for byte.
 */
public final class TcCommand {

  private static final String CLASS_USAGE =
      "Usage: tc class [ add | del | change | replace | show ] dev STRING\n"
      + "       [ classid CLASSID ] [ root | parent CLASSID ]\n"
      + "       [ [ QDISC_KIND ] [ help | OPTIONS ] ]\n"
      + "\n"
      + "       tc class show [ dev STRING ] [ root | parent CLASSID ]\n"
      + "Where:\n"
      + "QDISC_KIND := { prio | cbq | etc. }\n"
      + "OPTIONS := ... try tc class add <desired QDISC_KIND> help\n";

  private final NetNamespace ns;
  private final QdiscApi api;
  private final TcFilterCommand filters;

  public TcCommand(NetNamespace ns, QdiscApi api) {
    this.ns = ns;
    this.api = api;
    this.filters = new TcFilterCommand(ns);
  }

  /** Run {@code argv} (argv[0] is "tc") at simulated time {@code nowNs}. */
  public ShellResult run(List<String> argv, long nowNs) {
    boolean stats = false;
    boolean details = false;
    boolean raw = false;
    boolean iec = false;
    boolean json = false;
    boolean pretty = false;
    int i = 1;
    while (i < argv.size() && argv.get(i).startsWith("-")) {
      String o = argv.get(i);
      if (Args.matches(o, "-stats") || Args.matches(o, "-statistics")) {
        stats = true;
      } else if (Args.matches(o, "-details")) {
        details = true;
      } else if (Args.matches(o, "-raw")) {
        raw = true;
      } else if (Args.matches(o, "-pretty")) {
        pretty = true;
      } else if (Args.matches(o, "-iec")) {
        iec = true;
      } else if (Args.matches(o, "-Version")) {
        return ShellResult.ok("tc utility, iproute2-6.1.0, libbpf 1.1.2\n");
      } else if (Args.matches(o, "-netns")) {
        String name = i + 1 < argv.size() ? argv.get(i + 1) : "";
        // The machine has one network namespace and no named ones (netns_switch()).
        return new ShellResult(255, "", "Cannot open network namespace \"" + name
            + "\": No such file or directory\n");
      } else if (Args.matches(o, "-force")
          || Args.matches(o, "-Numeric") || Args.matches(o, "-oneline")
          || Args.matches(o, "-brief") || Args.matches(o, "-timestamp")
          || Args.matches(o, "-tshort")) {
        i++;
        continue;
      } else if (Args.matches(o, "-json")) {
        json = true;
      } else {
        return new ShellResult(255, "", "Option \"" + o + "\" is unknown, try \"tc -help\".\n");
      }
      i++;
    }
    TcContext c = new TcContext(stats, details, raw, iec, ns);
    JsonPrint out = new JsonPrint(json, pretty);
    if (i >= argv.size()) {
      return new ShellResult(0, "", usage());
    }
    Args a = new Args(argv, i + 1);
    String obj = argv.get(i);
    try {
      int rc;
      if (Args.matches(obj, "qdisc")) {
        rc = doQdisc(a, c, out, nowNs);
      } else if (Args.matches(obj, "class")) {
        rc = doClass(a, c, out, nowNs);
      } else if (Args.matches(obj, "filter") || Args.matches(obj, "filters")) {
        rc = filters.doFilter(a, c, out, nowNs);
      } else {
        c.err("Object \"" + obj + "\" is unknown, try \"tc help\".\n");
        rc = 255;
      }
      return new ShellResult(rc, out.text(), c.err.toString());
    } catch (TcExit e) {
      String err = e.stderrText();
      return new ShellResult(e.status(), out.text(), err);
    }
  }

  private static String usage() {
    return "Usage:\ttc [ OPTIONS ] OBJECT { COMMAND | help }\n"
        + "\ttc [-force] -batch filename\n"
        + "where  OBJECT := { qdisc | class | filter | chain |\n"
        + "\t\t    action | monitor | exec }\n"
        + "       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[aw] |\n"
        + "\t\t    -o[neline] | -j[son] | -p[retty] | -c[olor]\n"
        + "\t\t    -b[atch] [filename] | -n[etns] name | -N[umeric] |\n"
        + "\t\t     -nm | -nam[es] | { -cf | -conf } path\n"
        + "\t\t     -br[ief] }\n";
  }

  /** The stderr text and status for a kernel refusal (rtnl_talk: exit 2). */
  static TcExit kernelError(NetlinkException e, String prior) {
    String msg = e.extack();
    String text;
    if (msg != null && !msg.isEmpty()) {
      text = "Error: " + msg + (msg.endsWith(".") ? "" : ".") + "\n";
    } else {
      text = "RTNETLINK answers: " + Errno.strerror(e.errno()) + "\n";
    }
    return new TcExit(2, prior + text);
  }

  private static String warning(Extack ack) {
    String w = ack.warning();
    if (w == null) {
      return "";
    }
    return "Warning: " + w + (w.endsWith(".") ? "" : ".") + "\n";
  }

  // ------------------------------------------------------------------------- qdisc

  private int doQdisc(Args a, TcContext c, JsonPrint out, long now) {
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
        String v = a.next();
        if (dev != null) {
          throw TcExit.duparg("dev", v);
        }
        dev = v.length() > 15 ? v.substring(0, 15) : v;
      } else if (w.equals("handle")) {
        if (handle != 0) {
          throw TcExit.duparg("handle", w);
        }
        String v = a.next();
        Integer h = TcIds.qdiscHandle(v);
        if (h == null) {
          throw TcExit.invarg("invalid qdisc ID", v);
        }
        handle = h;
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
        String v = a.next();
        if (parent != 0) {
          throw TcExit.duparg("parent", v);
        }
        Integer h = TcIds.classid(v);
        if (h == null) {
          throw TcExit.invarg("invalid parent ID", v);
        }
        parent = h;
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
        kind = w.length() > 15 ? w.substring(0, 15) : w;
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
    int ifindex = 0;
    if (dev != null) {
      NetDevice d = ns.device(dev);
      if (d == null) {
        c.err("Cannot find device \"" + dev + "\"\n");
        return 1;
      }
      ifindex = d.ifindex();
    }
    TcMsg m = new TcMsg(flags, ifindex, handle, parent, kind, options, est,
        stabGiven ? stab : null, ingressBlock, egressBlock);
    Extack ack = new Extack();
    QdiscCtx ctx = new QdiscCtx(now, ns.random(), ack);
    try {
      if (delete) {
        api.getQdisc(m, true, ctx);
      } else {
        api.modifyQdisc(m, ctx);
      }
    } catch (NetlinkException e) {
      throw kernelError(e, c.err.toString());
    }
    c.err(warning(ack));
    return 0;
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
        dev = a.next();
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
          String v = a.next();
          Integer h = TcIds.classid(v);
          if (h == null) {
            throw TcExit.invarg("invalid parent ID", v);
          }
          filterParent = h;
        } else {
          String v = a.next();
          Integer h = TcIds.qdiscHandle(v);
          if (h == null) {
            throw TcExit.invarg("invalid handle ID", v);
          }
          filterHandle = h;
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
    int filterIfindex = 0;
    if (dev != null) {
      NetDevice d = ns.device(dev);
      if (d == null) {
        c.err("Cannot find device \"" + dev + "\"\n");
        return 1;
      }
      filterIfindex = d.ifindex();
    }
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
      if (q.xstats() != null && util != null) {
        String x = util.printXstats(q.xstats());
        if (x != null) {
          out.fp(x);
          out.nl();
        }
      }
    }
    out.closeObject();
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

  // ------------------------------------------------------------------------- class

  private int doClass(Args a, TcContext c, JsonPrint out, long now) {
    out.textOnly();
    if (!a.more()) {
      return classList(a, c, out);
    }
    String cmd = a.cur();
    a.advance();
    if (Args.matches(cmd, "add")) {
      return classModify(QdiscApi.ClassOp.NEW, TcMsg.NLM_F_EXCL | TcMsg.NLM_F_CREATE, a, c, now);
    }
    if (Args.matches(cmd, "change")) {
      return classModify(QdiscApi.ClassOp.NEW, 0, a, c, now);
    }
    if (Args.matches(cmd, "replace")) {
      return classModify(QdiscApi.ClassOp.NEW, TcMsg.NLM_F_CREATE, a, c, now);
    }
    if (Args.matches(cmd, "delete")) {
      return classModify(QdiscApi.ClassOp.DEL, 0, a, c, now);
    }
    if (Args.matches(cmd, "list") || Args.matches(cmd, "show") || Args.matches(cmd, "lst")) {
      return classList(a, c, out);
    }
    if (Args.matches(cmd, "help")) {
      c.err(CLASS_USAGE);
      return 0;
    }
    c.err("Command \"" + cmd + "\" is unknown, try \"tc class help\".\n");
    return 255;
  }

  private int classModify(QdiscApi.ClassOp op, int flags, Args a, TcContext c, long now) {
    String dev = null;
    int handle = 0;
    int parent = 0;
    String kind = null;
    TcEstimator est = null;
    QdiscUtil util = null;
    while (a.more()) {
      String w = a.cur();
      if (w.equals("dev")) {
        String v = a.next();
        if (dev != null) {
          throw TcExit.duparg("dev", v);
        }
        dev = v.length() > 15 ? v.substring(0, 15) : v;
      } else if (w.equals("classid")) {
        String v = a.next();
        if (handle != 0) {
          throw TcExit.duparg("classid", v);
        }
        Integer h = TcIds.classid(v);
        if (h == null) {
          throw TcExit.invarg("invalid class ID", v);
        }
        handle = h;
      } else if (w.equals("handle")) {
        c.err("Error: try \"classid\" instead of \"handle\"\n");
        return 255;
      } else if (w.equals("root")) {
        if (parent != 0) {
          c.err("Error: \"root\" is duplicate parent ID.\n");
          return 255;
        }
        parent = TcH.ROOT;
      } else if (w.equals("parent")) {
        String v = a.next();
        if (parent != 0) {
          throw TcExit.duparg("parent", v);
        }
        Integer h = TcIds.classid(v);
        if (h == null) {
          throw TcExit.invarg("invalid parent ID", v);
        }
        parent = h;
      } else if (Args.matches(w, "estimator")) {
        est = TcIds.estimator(a, est != null);
      } else if (Args.matches(w, "help")) {
        c.err(CLASS_USAGE);
      } else {
        kind = w.length() > 15 ? w.substring(0, 15) : w;
        util = TcModules.get(kind);
        a.advance();
        break;
      }
      a.advance();
    }
    Object options = null;
    if (util != null) {
      if (!util.hasParseCopt()) {
        c.err("Error: Qdisc \"" + kind + "\" is classless.\n");
        return 1;
      }
      options = util.parseCopt(a, dev, c);
    } else if (a.more()) {
      c.err("Garbage instead of arguments \"" + a.cur() + " ...\". Try \"tc class help\".");
      return 255;
    }
    int ifindex = 0;
    if (dev != null) {
      NetDevice d = ns.device(dev);
      if (d == null) {
        c.err("Cannot find device \"" + dev + "\"\n");
        return 1;
      }
      ifindex = d.ifindex();
    }
    TcMsg m = new TcMsg(flags, ifindex, handle, parent, kind, options, est, null);
    Extack ack = new Extack();
    try {
      api.ctlClass(op, m, new QdiscCtx(now, ns.random(), ack));
    } catch (NetlinkException e) {
      throw kernelError(e, c.err.toString());
    }
    c.err(warning(ack));
    return 0;
  }

  private int classList(Args a, TcContext c, JsonPrint out) {
    String dev = null;
    int filterQdisc = 0;
    int filterClassid = 0;
    int parent = 0;
    while (a.more()) {
      String w = a.cur();
      if (w.equals("dev")) {
        String v = a.next();
        if (dev != null) {
          throw TcExit.duparg("dev", v);
        }
        dev = v;
      } else if (w.equals("qdisc")) {
        String v = a.next();
        if (filterQdisc != 0) {
          throw TcExit.duparg("qdisc", v);
        }
        Integer h = TcIds.qdiscHandle(v);
        if (h == null) {
          throw TcExit.invarg("invalid qdisc ID", v);
        }
        filterQdisc = h;
      } else if (w.equals("classid")) {
        String v = a.next();
        if (filterClassid != 0) {
          throw TcExit.duparg("classid", v);
        }
        Integer h = TcIds.classid(v);
        if (h == null) {
          throw TcExit.invarg("invalid class ID", v);
        }
        filterClassid = h;
      } else if (w.equals("root")) {
        if (parent != 0) {
          c.err("Error: \"root\" is duplicate parent ID\n");
          return 255;
        }
        parent = TcH.ROOT;
      } else if (w.equals("parent")) {
        if (parent != 0) {
          throw TcExit.duparg("parent", a.peekNext() == null ? "" : a.peekNext());
        }
        String v = a.next();
        Integer h = TcIds.classid(v);
        if (h == null) {
          throw TcExit.invarg("invalid parent ID", v);
        }
        parent = h;
      } else {
        c.err("What is \"" + w + "\"? Try \"tc class help\".\n");
        return 255;
      }
      a.advance();
    }
    int ifindex = 0;
    if (dev != null) {
      NetDevice d = ns.device(dev);
      if (d == null) {
        c.err("Cannot find device \"" + dev + "\"\n");
        return 1;
      }
      ifindex = d.ifindex();
    }
    if (ifindex == 0) {
      return 0;
    }
    for (ClassDump cd : api.dumpClasses(ifindex, parent)) {
      if (filterQdisc != 0 && TcH.maj(cd.handle() ^ filterQdisc) != 0) {
        continue;
      }
      if (filterClassid != 0 && cd.handle() != filterClassid) {
        continue;
      }
      printClass(cd, filterQdisc, c, out);
    }
    return 0;
  }

  /** print_class(). */
  private void printClass(ClassDump cd, int filterQdisc, TcContext c, JsonPrint out) {
    StringBuilder f = new StringBuilder();
    String id = "";
    if (cd.handle() != 0) {
      id = TcH.format(filterQdisc != 0 ? TcH.min(cd.handle()) : cd.handle());
    }
    f.append("class ").append(cd.kind()).append(' ').append(id).append(' ');
    if (cd.parent() == TcH.ROOT) {
      f.append("root ");
    } else {
      f.append("parent ")
          .append(TcH.format(filterQdisc != 0 ? TcH.min(cd.parent()) : cd.parent())).append(' ');
    }
    if (cd.info() != 0) {
      f.append("leaf ").append(Integer.toHexString(cd.info() >>> 16)).append(": ");
    }
    out.fp(f.toString());
    QdiscUtil util = TcModules.get(cd.kind());
    if (cd.options() != null) {
      if (util != null && util.hasParseCopt()) {
        util.printCopt(out, cd.options(), c);
      } else {
        c.err("[cannot parse class parameters]");
      }
    }
    out.fp("\n");
    if (c.stats) {
      if (cd.stats() != null) {
        printStats(out, cd.stats());
      }
      out.fp("\n");
      if (cd.xstats() != null && util != null) {
        String x = util.printXstats(cd.xstats());
        if (x != null) {
          out.fp(x);
          out.fp("\n");
        }
      }
    }
  }
}

package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.ClassDump;
import io.smpsim.kernel.net.sched.QdiscApi;
import io.smpsim.kernel.net.sched.TcEstimator;
import io.smpsim.kernel.net.sched.TcH;
import io.smpsim.kernel.net.sched.TcMsg;

/**
 * {@code tc class} (iproute2 6.1 tc_class.c): add, change, replace and delete
 * ({@code tc_class_modify()}) and the list ({@code tc_class_list()}, {@code print_class()}).
 */
final class TcClass {

  private static final String CLASS_USAGE =
      "Usage: tc class [ add | del | change | replace | show ] dev STRING\n"
      + "       [ classid CLASSID ] [ root | parent CLASSID ]\n"
      + "       [ [ QDISC_KIND ] [ help | OPTIONS ] ]\n"
      + "\n"
      + "       tc class show [ dev STRING ] [ root | parent CLASSID ]\n"
      + "Where:\n"
      + "QDISC_KIND := { prio | cbq | etc. }\n"
      + "OPTIONS := ... try tc class add <desired QDISC_KIND> help\n";

  private final QdiscApi api;

  TcClass(QdiscApi api) {
    this.api = api;
  }

  /** tc class ...: the modify verbs, or the list. */
  int doClass(Args a, TcContext c, JsonPrint out, long now) {
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
        dev = TcIds.name16(a.nextOnce(dev != null, "dev"));
      } else if (w.equals("classid")) {
        handle = TcIds.classid(a.nextOnce(handle != 0, "classid"), "invalid class ID");
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
        parent = TcIds.classid(a.nextOnce(parent != 0, "parent"), "invalid parent ID");
      } else if (Args.matches(w, "estimator")) {
        est = TcIds.estimator(a, est != null);
      } else if (Args.matches(w, "help")) {
        c.err(CLASS_USAGE);
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
      if (!util.hasParseCopt()) {
        c.err("Error: Qdisc \"" + kind + "\" is classless.\n");
        return 1;
      }
      options = util.parseCopt(a, dev, c);
    } else if (a.more()) {
      c.err("Garbage instead of arguments \"" + a.cur() + " ...\". Try \"tc class help\".");
      return 255;
    }
    int ifindex = c.ifindex(dev);
    TcMsg m = new TcMsg(flags, ifindex, handle, parent, kind, options, est, null);
    return RtnlTalk.talk(c, now, ctx -> api.ctlClass(op, m, ctx));
  }

  private int classList(Args a, TcContext c, JsonPrint out) {
    String dev = null;
    int filterQdisc = 0;
    int filterClassid = 0;
    int parent = 0;
    while (a.more()) {
      String w = a.cur();
      if (w.equals("dev")) {
        dev = TcIds.name16(a.nextOnce(dev != null, "dev"));
      } else if (w.equals("qdisc")) {
        filterQdisc = TcIds.qdiscHandle(a.nextOnce(filterQdisc != 0, "qdisc"), "invalid qdisc ID");
      } else if (w.equals("classid")) {
        filterClassid = TcIds.classid(a.nextOnce(filterClassid != 0, "classid"),
            "invalid class ID");
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
        parent = TcIds.classid(a.next(), "invalid parent ID");
      } else {
        c.err("What is \"" + w + "\"? Try \"tc class help\".\n");
        return 255;
      }
      a.advance();
    }
    int ifindex = c.ifindex(dev);
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
        TcQdisc.printStats(out, cd.stats());
      }
      out.fp("\n");
      TcQdisc.printXstats(out, util, cd.xstats());
    }
  }
}

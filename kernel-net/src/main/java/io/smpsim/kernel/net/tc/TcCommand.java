package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.core.Errno;
import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.dev.NetNamespace;
import io.smpsim.kernel.net.sched.Extack;
import io.smpsim.kernel.net.sched.QdiscApi;
import java.util.List;

/**
 * The {@code tc} program (iproute2 6.1 tc.c): the global options and the object dispatch to
 * {@link TcQdisc} (tc_qdisc.c), {@link TcClass} (tc_class.c) and {@link TcFilterCommand}
 * (tc_filter.c), with their exact diagnostics and exit statuses and the output byte for byte.
 */
public final class TcCommand {

  private final NetNamespace ns;
  private final TcQdisc qdiscs;
  private final TcClass classes;
  private final TcFilterCommand filters;

  public TcCommand(NetNamespace ns, QdiscApi api) {
    this.ns = ns;
    this.qdiscs = new TcQdisc(ns, api);
    this.classes = new TcClass(api);
    this.filters = new TcFilterCommand();
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
        rc = qdiscs.doQdisc(a, c, out, nowNs);
      } else if (Args.matches(obj, "class")) {
        rc = classes.doClass(a, c, out, nowNs);
      } else if (Args.matches(obj, "filter") || Args.matches(obj, "filters")) {
        rc = filters.doFilter(a, c, out, nowNs);
      } else if (Args.matches(obj, "chain") || Args.matches(obj, "actions")
          || Args.matches(obj, "monitor") || Args.matches(obj, "exec")) {
        // tc/tc.c do_cmd()'s other objects, in its order.
        String known = Args.matches(obj, "chain") ? "chain" : Args.matches(obj, "actions")
            ? "actions" : Args.matches(obj, "monitor") ? "monitor" : "exec";
        c.err("tc: object \"" + known + "\" is not supported by smpsim's tc (qdisc, class and"
            + " filter are)\n");
        rc = 255;
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

  /** The kernel's extack warning as tc prints it, or nothing. */
  static String warning(Extack ack) {
    String w = ack.warning();
    if (w == null) {
      return "";
    }
    return "Warning: " + w + (w.endsWith(".") ? "" : ".") + "\n";
  }
}

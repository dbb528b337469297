package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.EmptyOptions;
import io.smpsim.kernel.net.sched.MultiqQopt;

/**
 * The small iproute2 modules: q_ingress.c (ignores {@code handle X}), q_clsact.c and
 * q_multiq.c (no options), q_hfsc.c's qdisc part ({@code default N}).
 */
final class QMisc implements QdiscUtil {

  private final String kind;

  QMisc(String kind) {
    this.kind = kind;
  }

  @Override
  public Object parseQopt(String id, Args a, String dev, TcContext c) {
    switch (kind) {
      case "ingress":
        while (a.more()) {
          if (a.cur().equals("handle")) {
            a.next();
            a.advance();
          } else {
            c.err("What is \"" + a.cur() + "\"?\n");
            c.err("Usage: ... ingress\n");
            throw c.fail();
          }
        }
        return null;
      case "clsact":
        if (a.more()) {
          c.err("What is \"" + a.cur() + "\"?\n");
          c.err("Usage: ... clsact\n");
          throw c.fail();
        }
        return null;
      case "multiq":
        if (a.more()) {
          if (!a.cur().equals("help")) {
            c.err("What is \"" + a.cur() + "\"?\n");
          }
          c.err("Usage: ... multiq [help]\n");
          throw c.fail();
        }
        return new MultiqQopt(0, 0);
      default:
        return parseHfsc(a, c);
    }
  }

  private static Object parseHfsc(Args a, TcContext c) {
    while (a.more()) {
      if (Args.matches(a.cur(), "default")) {
        Long v = TcUnits.getU16(a.next(), 16);
        if (v == null) {
          c.err("HFSC: Illegal \"default\"\n");
          throw c.fail();
        }
      } else {
        c.err("HFSC: What is \"" + a.cur() + "\" ?\n");
        c.err("Usage: ... hfsc [ default CLASSID ]\n\n"
            + " default: default class for unclassified packets\n");
        throw c.fail();
      }
      a.advance();
    }
    return EmptyOptions.INSTANCE;
  }

  @Override
  public void printQopt(String id, JsonPrint out, Object opts, TcContext c) {
    if (kind.equals("ingress")) {
      out.fp("---------------- ");
    } else if (kind.equals("multiq") && opts instanceof MultiqQopt m) {
      out.fp("bands " + m.bands() + "/" + m.maxBands() + " ");
    }
  }
}

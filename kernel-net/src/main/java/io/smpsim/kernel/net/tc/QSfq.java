package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.SfqQopt;

/** tc/q_sfq.c without the RED sub-options. */
final class QSfq implements QdiscUtil {

  private static final String USAGE =
      "Usage: ... sfq\t[ limit NUMBER ] [ perturb SECS ] [ quantum BYTES ]\n"
      + "\t\t[ divisor NUMBER ] [ flows NUMBER] [ depth NUMBER ]\n"
      + "\t\t[ headdrop ]\n"
      + "\t\t[ redflowlimit BYTES ] [ min BYTES ] [ max BYTES ]\n"
      + "\t\t[ avpkt BYTES ] [ burst PACKETS ] [ probability P ]\n"
      + "\t\t[ ecn ] [ harddrop ]\n";

  @Override
  public Object parseQopt(String id, Args a, String dev, TcContext c) {
    boolean ok = false;
    long quantum = 0;
    long perturb = 0;
    long limit = 0;
    long divisor = 0;
    long flows = 0;
    long depth = 0;
    boolean headdrop = false;
    while (a.more()) {
      String w = a.cur();
      switch (w) {
        case "quantum":
          // q_sfq.c names "limit" when quantum does not parse, and "flows" for depth.
          quantum = c.need(TcUnits.getSize(a.next()), "limit");
          break;
        case "perturb":
          perturb = c.need(TcUnits.getInteger(a.next(), 0), "perturb");
          break;
        case "limit":
          limit = c.need(TcUnits.getU32(a.next(), 0), "limit");
          if (limit < 2) {
            c.err("Illegal \"limit\", must be > 1\n");
            throw c.fail();
          }
          break;
        case "divisor":
          divisor = c.need(TcUnits.getU32(a.next(), 0), "divisor");
          break;
        case "flows":
          flows = c.need(TcUnits.getU32(a.next(), 0), "flows");
          break;
        case "depth":
          depth = c.need(TcUnits.getU32(a.next(), 0), "flows");
          break;
        case "headdrop":
          headdrop = true;
          break;
        default:
          throw c.whatIs(w, USAGE);
      }
      ok = true;
      a.advance();
    }
    return ok ? new SfqQopt(quantum, (int) perturb, limit, divisor, flows, depth, headdrop)
        : null;
  }

  @Override
  public void printQopt(String id, JsonPrint out, Object opts, TcContext c) {
    SfqQopt q = (SfqQopt) opts;
    out.unsigned("limit", q.limit(), "limit " + q.limit() + "p ");
    out.unsigned("quantum", q.quantum(), "quantum " + TcUnits.sprintSize(q.quantum()) + " ");
    if (q.depth() != 0) {
      out.unsigned("depth", q.depth(), "depth " + q.depth() + " ");
    }
    if (q.headdrop()) {
      out.bool("headdrop", true, "headdrop ");
    }
    if (c.details) {
      out.unsigned("flows", q.flows(), "flows " + q.flows() + " ");
    }
    out.unsigned("divisor", q.divisor(), "divisor " + q.divisor() + " ");
    if (q.perturbPeriod() != 0) {
      out.number("perturb", q.perturbPeriod(), "perturb " + q.perturbPeriod() + "sec ");
    }
  }
}

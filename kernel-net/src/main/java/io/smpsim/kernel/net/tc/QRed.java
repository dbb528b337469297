package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.EmptyOptions;

/**
 * tc/q_red.c's parser, down to the threshold/EWMA computations and their diagnostics. smpsim
 * has no red qdisc; a valid command reaches the kernel, which does not know the kind.
 */
final class QRed implements QdiscUtil {

  private static final String USAGE = "Usage: ... red\tlimit BYTES [min BYTES] [max BYTES] "
      + "avpkt BYTES [burst PACKETS]\n"
      + "\t\t[adaptive] [probability PROBABILITY] [bandwidth KBPS]\n"
      + "\t\t[ecn] [harddrop] [nodrop]\n"
      + "\t\t[qevent early_drop block IDX] [qevent mark block IDX]\n";

  @Override
  public Object parseQopt(String id, Args a, String dev, TcContext c) {
    long limit = 0;
    long qmin = 0;
    long qmax = 0;
    long burst = 0;
    long avpkt = 0;
    double probability = 0.02;
    long rate = 0;
    while (a.more()) {
      String w = a.cur();
      if (w.equals("limit")) {
        limit = c.need(TcUnits.getSize(a.next()), "limit");
      } else if (w.equals("min")) {
        qmin = c.need(TcUnits.getSize(a.next()), "min");
      } else if (w.equals("max")) {
        qmax = c.need(TcUnits.getSize(a.next()), "max");
      } else if (Args.matches(w, "burst")) {
        burst = c.need(TcUnits.getU32(a.next(), 0), "burst");
      } else if (w.equals("avpkt")) {
        avpkt = c.need(TcUnits.getSize(a.next()), "avpkt");
      } else if (w.equals("probability")) {
        CFormat.Parsed p = CFormat.strtod(a.next());
        if (p.end() == 0) {
          throw c.illegal("probability");
        }
        probability = p.value();
      } else if (w.equals("bandwidth")) {
        String v = a.next();
        Long r = v.contains("%") ? c.percentRate64(v, dev) : TcUnits.getRate(v);
        rate = c.need(r, "bandwidth");
      } else if (w.equals("ecn") || w.equals("harddrop") || w.equals("nodrop")
          || w.equals("adaptative") || w.equals("adaptive")) {
        a.cur();
      } else {
        throw c.whatIs(w, USAGE);
      }
      a.advance();
    }
    if (limit == 0 || avpkt == 0) {
      c.err("RED: Required parameter (limit, avpkt) is missing\n");
      throw c.fail();
    }
    if (qmax == 0) {
      qmax = qmin != 0 ? qmin * 3 : limit / 4;
    }
    if (qmin == 0) {
      qmin = qmax / 3;
    }
    if (burst == 0) {
      burst = (2 * qmin + qmax) / (3 * avpkt);
    }
    if (rate == 0) {
      c.err("RED: set bandwidth to 10Mbit\n");
    }
    double aa = (double) burst + 1 - (double) qmin / avpkt;
    if (aa < 1.0) {
      c.err("tc_red_eval_ewma() burst " + burst + " is too small ? Try burst "
          + (1 + qmin / avpkt) + "\n");
      c.err("RED: failed to calculate EWMA constant.\n");
      throw c.fail();
    }
    int wlog = -1;
    double wgt = 0.5;
    for (int i = 1; i < 32; i++, wgt /= 2) {
      if (aa <= (1 - Math.pow(1 - wgt, burst)) / wgt) {
        wlog = i;
        break;
      }
    }
    if (wlog < 0) {
      c.err("RED: failed to calculate EWMA constant.\n");
      throw c.fail();
    }
    if (wlog >= 10) {
      c.err("RED: WARNING. Burst " + burst + " seems to be too large.\n");
    }
    long range = qmax - qmin;
    if (range < 0) {
      c.err("RED: failed to calculate probability.\n");
      throw c.fail();
    }
    return EmptyOptions.INSTANCE;
  }

  @Override
  public void printQopt(String id, JsonPrint out, Object opts, TcContext c) {}
}

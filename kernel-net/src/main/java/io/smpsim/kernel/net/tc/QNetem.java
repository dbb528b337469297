package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.NetemQopt;

/**
 * tc/q_netem.c: delay/jitter/correlation, distribution, random loss, duplicate, reorder (with
 * gap), corrupt, rate and ecn. The Gilbert loss models and slots are not modelled.
 */
final class QNetem implements QdiscUtil {

  private static final long U32 = 0xFFFFFFFFL;
  private static final String USAGE = "Usage: ... netem [ limit PACKETS ]\n"
      + "                 [ delay TIME [ JITTER [CORRELATION]]]\n"
      + "                 [ distribution {uniform|normal|pareto|paretonormal} ]\n"
      + "                 [ corrupt PERCENT [CORRELATION]]\n"
      + "                 [ duplicate PERCENT [CORRELATION]]\n"
      + "                 [ loss random PERCENT [CORRELATION]]\n"
      + "                 [ loss state P13 [P31 [P32 [P23 P14]]]\n"
      + "                 [ loss gemodel PERCENT [R [1-H [1-K]]]\n"
      + "                 [ ecn ]\n"
      + "                 [ reorder PERCENT [CORRELATION] [ gap DISTANCE ]]\n"
      + "                 [ rate RATE [PACKETOVERHEAD] [CELLSIZE] [CELLOVERHEAD]]\n"
      + "                 [ slot MIN_DELAY [MAX_DELAY] [packets MAX_PACKETS] [bytes MAX_BYTES]]\n"
      + "                 [ slot distribution {uniform|normal|pareto|paretonormal|custom}\n"
      + "                   DELAY JITTER [packets MAX_PACKETS] [bytes MAX_BYTES]]\n";

  /** get_percent(): "N%" or "N" as a fraction of 2^32-1, or null. */
  private static Long percent(String str) {
    CFormat.Parsed p = CFormat.strtod(str);
    double v = p.value() / 100.;
    if (v > 1.0 || v < 0.0) {
      return null;
    }
    String rest = str.substring(p.end());
    if (!rest.isEmpty() && !rest.equals("%")) {
      return null;
    }
    return CFormat.toU32(Math.rint(v * U32));
  }

  private static Long ticks(String str, TcContext c) {
    Long t = TcUnits.getTime(str);
    if (t == null) {
      return null;
    }
    if (TcUnits.time2big(t)) {
      c.err("Illegal " + t + " time (too large)\n");
      return null;
    }
    return TcUnits.time2tick(t);
  }

  private static boolean nextIsNumber(Args a) {
    String n = a.peekNext();
    return n != null && !n.isEmpty() && Character.isDigit(n.charAt(0));
  }

  @Override
  public Object parseQopt(String id, Args a, String dev, TcContext c) {
    long limit = 1000;
    long latency = 0;
    long jitter = 0;
    long loss = 0;
    long duplicate = 0;
    long gap = 0;
    long[] corr = new long[3];
    boolean corrPresent = false;
    long[] reorder = null;
    long[] corrupt = null;
    long[] rate = null;
    Long rate64 = null;
    boolean ecn = false;
    String dist = null;
    while (a.more()) {
      String w = a.cur();
      if (Args.matches(w, "limit")) {
        limit = c.need(TcUnits.getSize(a.next()), "limit");
      } else if (Args.matches(w, "latency") || Args.matches(w, "delay")) {
        latency = c.need(ticks(a.next(), c), "latency");
        if (nextIsNumber(a)) {
          jitter = c.need(ticks(a.next(), c), "latency");
          if (nextIsNumber(a)) {
            corrPresent = true;
            corr[0] = c.need(percent(a.next()), "latency");
          }
        }
      } else if (Args.matches(w, "loss") || Args.matches(w, "drop")) {
        if (loss > 0) {
          throw c.illegal("duplicate loss argument\n");
        }
        String v = a.next();
        if (v.equals("random")) {
          v = a.next();
        } else if (v.isEmpty() || !Character.isDigit(v.charAt(0))) {
          c.err("Unknown loss parameter: " + v + "\n");
          throw c.fail();
        }
        loss = c.need(percent(v), "loss percent");
        if (nextIsNumber(a)) {
          corrPresent = true;
          corr[1] = c.need(percent(a.next()), "loss correlation");
        }
      } else if (Args.matches(w, "ecn")) {
        ecn = true;
      } else if (Args.matches(w, "reorder")) {
        Long r = percent(a.next());
        if (r == null) {
          throw c.illegal("reorder");
        }
        reorder = new long[] {r, 0};
        if (nextIsNumber(a)) {
          corrPresent = true;
          reorder[1] = c.need(percent(a.next()), "reorder");
        }
      } else if (Args.matches(w, "corrupt")) {
        Long r = percent(a.next());
        if (r == null) {
          throw c.illegal("corrupt");
        }
        corrupt = new long[] {r, 0};
        if (nextIsNumber(a)) {
          corrPresent = true;
          corrupt[1] = c.need(percent(a.next()), "corrupt");
        }
      } else if (Args.matches(w, "gap")) {
        gap = c.need(TcUnits.getU32(a.next(), 0), "gap");
      } else if (Args.matches(w, "duplicate")) {
        duplicate = c.need(percent(a.next()), "duplicate");
        if (nextIsNumber(a)) {
          corr[2] = c.need(percent(a.next()), "duplicate");
        }
      } else if (Args.matches(w, "distribution")) {
        String d = a.next();
        if (!d.equals("uniform") && !d.equals("normal") && !d.equals("pareto")
            && !d.equals("paretonormal")) {
          c.err("No distribution data for " + d + " (/usr/lib/x86_64-linux-gnu/tc//" + d
              + ".dist: No such file or directory)\n");
          throw c.fail();
        }
        dist = d;
      } else if (Args.matches(w, "rate")) {
        String v = a.next();
        Long r = v.contains("%") ? c.percentRate64(v, dev) : TcUnits.getRate64(v);
        if (r == null) {
          throw c.illegal("rate");
        }
        long overhead = 0;
        String n = a.peekNext();
        if (n != null && !n.isEmpty() && (Character.isDigit(n.charAt(0)) || n.charAt(0) == '-')) {
          overhead = c.need(TcUnits.getInteger(a.next(), 0), "rate");
        }
        if (Long.compareUnsigned(r, 1L << 32) >= 0) {
          rate64 = r;
          rate = new long[] {U32, overhead, 0, 0};
        } else {
          rate = new long[] {r, overhead, 0, 0};
        }
      } else {
        throw c.whatIs(w, USAGE);
      }
      a.advance();
    }
    if (reorder != null && reorder[0] != 0) {
      if (latency == 0) {
        c.err("reordering not possible without specifying some delay\n");
        c.err(USAGE);
        throw c.fail();
      }
      if (gap == 0) {
        gap = 1;
      }
    } else if (gap > 0) {
      c.err("gap specified without reorder probability\n");
      c.err(USAGE);
      throw c.fail();
    }
    if (ecn && loss <= 0) {
      c.err("ecn requested without loss model\n");
      c.err(USAGE);
      throw c.fail();
    }
    if (dist != null && (latency == 0 || jitter == 0)) {
      c.err("distribution specified but no latency and jitter values\n");
      c.err(USAGE);
      throw c.fail();
    }
    return new NetemQopt(latency, limit, loss, gap, duplicate, jitter, corrPresent ? corr : null,
        reorder, corrupt, rate, rate64, ecn ? Boolean.TRUE : null, dist);
  }

  private static String pct(long per) {
    return CFormat.g((100. * (per & U32)) / U32) + "%";
  }

  @Override
  public void printQopt(String id, JsonPrint out, Object opts, TcContext c) {
    NetemQopt q = (NetemQopt) opts;
    long[] cor = q.corr();
    out.unsigned("limit", q.limit(), "limit " + (int) q.limit());
    if (q.latency() != 0) {
      out.openObject("delay");
      out.fp(" delay " + TcUnits.sprintTime(TcUnits.tick2time(q.latency())));
      if (q.jitter() != 0) {
        out.fp("  " + TcUnits.sprintTime(TcUnits.tick2time(q.jitter())));
      }
      out.jsonFloat("delay", TcUnits.tick2time(q.latency()) / 1000000.);
      out.jsonFloat("jitter", TcUnits.tick2time(q.jitter()) / 1000000.);
      corr(out, q.jitter() != 0 && cor != null && cor[0] != 0, cor != null ? cor[0] : 0);
      out.closeObject();
    }
    if (q.loss() != 0) {
      out.openObject("loss-random");
      percent(out, "loss", " loss", q.loss());
      corr(out, cor != null && cor[1] != 0, cor != null ? cor[1] : 0);
      out.closeObject();
    }
    if (q.duplicate() != 0) {
      out.openObject("duplicate");
      percent(out, "duplicate", " duplicate", q.duplicate());
      corr(out, cor != null && cor[2] != 0, cor != null ? cor[2] : 0);
      out.closeObject();
    }
    if (q.reorder() != null && q.reorder()[0] != 0) {
      out.openObject("reorder");
      percent(out, "reorder", " reorder", q.reorder()[0]);
      corr(out, q.reorder()[1] != 0, q.reorder()[1]);
      out.closeObject();
    }
    if (q.corrupt() != null && q.corrupt()[0] != 0) {
      out.openObject("corrupt");
      percent(out, "corrupt", " corrupt", q.corrupt()[0]);
      corr(out, q.corrupt()[1] != 0, q.corrupt()[1]);
      out.closeObject();
    }
    if (q.rate() != null && q.rate()[0] != 0) {
      out.openObject("rate");
      long r = q.rate64() != null ? q.rate64() : q.rate()[0];
      out.unsigned("rate", r, " rate " + TcUnits.sprintRate(r));
      if (q.rate()[1] != 0) {
        out.number("packetoverhead", q.rate()[1], " packetoverhead " + q.rate()[1]);
      } else {
        out.jsonNumber("packetoverhead", 0);
      }
      out.jsonUnsigned("cellsize", 0);
      out.jsonNumber("celloverhead", 0);
      out.closeObject();
    }
    out.jsonBool("ecn", q.ecn() != null);
    if (q.ecn() != null) {
      out.fp(" ecn ");
    }
    out.jsonUnsigned("gap", q.gap());
    if (q.gap() != 0) {
      out.fp(" gap " + q.gap());
    }
  }

  private static void percent(JsonPrint out, String key, String label, long per) {
    out.fp(label + " " + pct(per));
    out.jsonFloat(key, (1. * (per & U32)) / U32);
  }

  private static void corr(JsonPrint out, boolean present, long value) {
    if (!out.isJson()) {
      if (present) {
        out.fp(" " + pct(value));
      }
    } else {
      out.jsonFloat("correlation", (1. * (value & U32)) / U32);
    }
  }
}

package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.SizeSpec;
import io.smpsim.kernel.net.sched.TbfQopt;
import io.smpsim.kernel.net.sched.TcRateSpec;

/** tc/q_tbf.c: tbf's parser (every error it can report) and printer. */
final class QTbf implements QdiscUtil {

  private static void explain(TcContext c) {
    c.err("Usage: ... tbf limit BYTES burst BYTES[/BYTES] rate KBPS [ mtu BYTES[/BYTES] ]\n"
        + "\t[ peakrate KBPS ] [ latency TIME ] [ overhead BYTES ] [ linklayer TYPE ]\n");
  }

  private static TcExit explain1(TcContext c, String arg, String val) {
    c.err("tbf: illegal value for \"" + arg + "\": \"" + val + "\"\n");
    return c.fail();
  }

  private static TcExit dup(TcContext c, String what) {
    c.err("tbf: duplicate \"" + what + "\" specification\n");
    return c.fail();
  }

  @Override
  public Object parseQopt(String id, Args a, String dev, TcContext c) {
    long limit = 0;
    long buffer = 0;
    long mtu = 0;
    long mpu = 0;
    long latency = 0;
    int rcellLog = -1;
    int pcellLog = -1;
    int overhead = 0;
    int linklayer = SizeSpec.LINKLAYER_ETHERNET;
    long rate64 = 0;
    long prate64 = 0;
    while (a.more()) {
      String w = a.cur();
      if (Args.matches(w, "limit")) {
        String v = a.next();
        if (limit != 0) {
          throw dup(c, "limit");
        }
        if (latency != 0) {
          c.err("tbf: specifying both \"latency\" and \"limit\" is not allowed\n");
          throw c.fail();
        }
        Long l = TcUnits.getSize(v);
        if (l == null) {
          throw explain1(c, "limit", v);
        }
        limit = l;
      } else if (Args.matches(w, "latency")) {
        String v = a.next();
        if (latency != 0) {
          throw dup(c, "latency");
        }
        if (limit != 0) {
          c.err("tbf: specifying both \"limit\" and \"/latency\" is not allowed\n");
          throw c.fail();
        }
        Long t = TcUnits.getTime(v);
        if (t == null) {
          throw explain1(c, "latency", v);
        }
        latency = t;
      } else if (Args.matches(w, "burst") || w.equals("buffer") || w.equals("maxburst")) {
        String v = a.next();
        if (buffer != 0) {
          c.err("tbf: duplicate \"buffer/burst/maxburst\" specification\n");
          throw c.fail();
        }
        long[] sc = RateTable.sizeAndCell(v);
        if (sc == null) {
          throw explain1(c, w, RateTable.afterFailedSizeAndCell(v));
        }
        buffer = sc[0];
        if (sc[1] >= 0) {
          rcellLog = (int) sc[1];
        }
      } else if (w.equals("mtu") || w.equals("minburst")) {
        String v = a.next();
        if (mtu != 0) {
          c.err("tbf: duplicate \"mtu/minburst\" specification\n");
          throw c.fail();
        }
        long[] sc = RateTable.sizeAndCell(v);
        if (sc == null) {
          throw explain1(c, w, RateTable.afterFailedSizeAndCell(v));
        }
        mtu = sc[0];
        if (sc[1] >= 0) {
          pcellLog = (int) sc[1];
        }
      } else if (w.equals("mpu")) {
        String v = a.next();
        if (mpu != 0) {
          throw dup(c, "mpu");
        }
        Long m = TcUnits.getSize(v);
        if (m == null) {
          throw explain1(c, "mpu", v);
        }
        mpu = m;
      } else if (w.equals("rate")) {
        String v = a.next();
        if (rate64 != 0) {
          throw dup(c, "rate");
        }
        Long r = v.contains("%") ? c.percentRate64(v, dev) : TcUnits.getRate64(v);
        if (r == null) {
          throw explain1(c, "rate", v);
        }
        rate64 = r;
      } else if (Args.matches(w, "peakrate")) {
        String v = a.next();
        if (prate64 != 0) {
          throw dup(c, "peakrate");
        }
        Long r = v.contains("%") ? c.percentRate64(v, dev) : TcUnits.getRate64(v);
        if (r == null) {
          throw explain1(c, "peakrate", v);
        }
        prate64 = r;
      } else if (Args.matches(w, "overhead")) {
        String v = a.next();
        if (overhead != 0) {
          throw dup(c, "overhead");
        }
        Long o = TcUnits.getU16(v, 10);
        if (o == null) {
          throw explain1(c, "overhead", v);
        }
        overhead = (int) (long) o;
      } else if (Args.matches(w, "linklayer")) {
        String v = a.next();
        linklayer = TcUnits.getLinklayer(v);
        if (linklayer < 0) {
          throw explain1(c, "linklayer", v);
        }
      } else if (w.equals("help")) {
        explain(c);
        throw c.fail();
      } else {
        c.err("tbf: unknown parameter \"" + w + "\"\n");
        explain(c);
        throw c.fail();
      }
      a.advance();
    }
    boolean bad = false;
    if (rate64 == 0) {
      c.err("tbf: the \"rate\" parameter is mandatory.\n");
      bad = true;
    }
    if (buffer == 0) {
      c.err("tbf: the \"burst\" parameter is mandatory.\n");
      bad = true;
    }
    if (prate64 != 0 && mtu == 0) {
      c.err("tbf: when \"peakrate\" is specified, \"mtu\" must also be specified.\n");
      bad = true;
    }
    if (limit == 0 && latency == 0) {
      c.err("tbf: either \"limit\" or \"latency\" is required.\n");
      bad = true;
    }
    if (bad) {
      explain(c);
      throw c.fail();
    }
    long rate32 = Long.compareUnsigned(rate64, 1L << 32) >= 0 ? 0xFFFFFFFFL : rate64;
    long prate32 = Long.compareUnsigned(prate64, 1L << 32) >= 0 ? 0xFFFFFFFFL : prate64;
    if (limit == 0) {
      double r = rate64 < 0 ? rate64 + 0x1p64 : rate64;
      double lim = r * (double) latency / TcUnits.TIME_UNITS_PER_SEC + buffer;
      if (prate64 != 0) {
        double pr = prate64 < 0 ? prate64 + 0x1p64 : prate64;
        double lim2 = pr * (double) latency / TcUnits.TIME_UNITS_PER_SEC + mtu;
        if (lim2 < lim) {
          lim = lim2;
        }
      }
      limit = CFormat.toU32(lim);
    }
    TcRateSpec rate = RateTable.spec(rate32, rcellLog, mtu, (int) mpu, overhead, linklayer);
    long bufTicks = TcUnits.xmittime(rate32, buffer);
    TcRateSpec peak = new TcRateSpec(0, 0, 0, 0, 0, 0);
    long mtuTicks = 0;
    if (prate32 != 0) {
      peak = RateTable.spec(prate32, pcellLog, mtu, (int) mpu, overhead, linklayer);
      mtuTicks = TcUnits.xmittime(prate32, mtu);
    }
    Long r64 = Long.compareUnsigned(rate64, 1L << 32) >= 0 ? rate64 : null;
    Long p64 = prate32 != 0 && Long.compareUnsigned(prate64, 1L << 32) >= 0 ? prate64 : null;
    return new TbfQopt(rate, peak, limit, bufTicks, mtuTicks, r64, p64, buffer,
        prate32 != 0 ? mtu : null);
  }

  @Override
  public void printQopt(String id, JsonPrint out, Object opts, TcContext c) {
    TbfQopt q = (TbfQopt) opts;
    long rate64 = q.rate64() != null ? q.rate64() : q.rate().rateUnsigned();
    out.unsigned("rate", rate64, "rate " + c.rate(rate64) + " ");
    double buffer = TcUnits.xmitsize(rate64, q.buffer());
    long bufU = CFormat.toU32(buffer);
    if (c.details) {
      String b1 = TcUnits.sprintSize(bufU) + "/" + (1L << q.rate().cellLog());
      out.string("burst", b1, "burst " + b1 + " ");
      out.unsigned("mpu", q.rate().mpu() & 0xFFFFL,
          "mpu " + TcUnits.sprintSize(q.rate().mpu() & 0xFFFFL) + " ");
    } else {
      out.unsigned("burst", bufU, "burst " + TcUnits.sprintSize(bufU) + " ");
    }
    if (c.raw) {
      out.fp(String.format("[%08x] ", q.buffer()));
    }
    long prate64 = q.prate64() != null ? q.prate64() : q.peakrate().rateUnsigned();
    if (prate64 != 0) {
      out.fp("peakrate " + c.rate(prate64) + " ");
      if (q.mtu() != 0 || q.peakrate().mpu() != 0) {
        long mtu = CFormat.toU32(TcUnits.xmitsize(prate64, q.mtu()));
        if (c.details) {
          String b1 = TcUnits.sprintSize(mtu) + "/" + (1L << q.peakrate().cellLog());
          out.string("mtu", b1, "mtu " + b1 + " ");
          out.unsigned("mpu", q.peakrate().mpu() & 0xFFFFL,
              "mpu " + TcUnits.sprintSize(q.peakrate().mpu() & 0xFFFFL) + " ");
        } else {
          out.unsigned("minburst", mtu, "minburst " + TcUnits.sprintSize(mtu) + " ");
        }
        if (c.raw) {
          out.fp(String.format("[%08x] ", q.mtu()));
        }
      }
    }
    double r = rate64 < 0 ? rate64 + 0x1p64 : rate64;
    double latency = TcUnits.TIME_UNITS_PER_SEC * ((q.limit() & 0xFFFFFFFFL) / r)
        - TcUnits.tick2time(q.buffer());
    if (prate64 != 0) {
      double pr = prate64 < 0 ? prate64 + 0x1p64 : prate64;
      double lat2 = TcUnits.TIME_UNITS_PER_SEC * ((q.limit() & 0xFFFFFFFFL) / pr)
          - TcUnits.tick2time(q.mtu());
      if (lat2 > latency) {
        latency = lat2;
      }
    }
    if (latency >= 0.0) {
      out.jsonUnsigned("lat", CFormat.toU64(latency));
      out.fp("lat " + TcUnits.sprintTime(CFormat.toU32(latency)) + " ");
    }
    if (c.raw || latency < 0.0) {
      long lim = q.limit() & 0xFFFFFFFFL;
      out.unsigned("limit", lim, "limit " + TcUnits.sprintSize(lim) + " ");
    }
    if (q.rate().overhead() != 0) {
      out.number("overhead", q.rate().overhead(), "overhead " + q.rate().overhead() + " ");
    }
    int ll = q.rate().linklayer() & 0x0F;
    if (ll > SizeSpec.LINKLAYER_ETHERNET || c.details) {
      out.string("linklayer", TcUnits.linklayer(ll), "linklayer " + TcUnits.linklayer(ll) + " ");
    }
  }
}

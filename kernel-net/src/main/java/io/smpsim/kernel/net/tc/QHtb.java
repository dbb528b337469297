package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.HtbGlob;
import io.smpsim.kernel.net.sched.HtbOpt;
import io.smpsim.kernel.net.sched.HtbXstats;
import io.smpsim.kernel.net.sched.SizeSpec;
import io.smpsim.kernel.net.sched.TcRateSpec;

/** tc/q_htb.c: htb qdisc and class options, printers and xstats. */
final class QHtb implements QdiscUtil {

  private static final String USAGE = "Usage: ... qdisc add ... htb [default N] [r2q N]\n"
      + "                      [direct_qlen P] [offload]\n"
      + " default  minor id of class to which unclassified packets are sent {0}\n"
      + " r2q      DRR quantums are computed as rate in Bps/r2q {10}\n"
      + " debug    string of 16 numbers each 0-3 {0}\n\n"
      + " direct_qlen  Limit of the direct queue {in packets}\n"
      + " offload  enable hardware offload\n"
      + "... class add ... htb rate R1 [burst B1] [mpu B] [overhead O]\n"
      + "                      [prio P] [slot S] [pslot PS]\n"
      + "                      [ceil R2] [cburst B2] [mtu MTU] [quantum Q]\n"
      + " rate     rate allocated to this class (class can still borrow)\n"
      + " burst    max bytes burst which can be accumulated during idle period {computed}\n"
      + " mpu      minimum packet size used in rate computations\n"
      + " overhead per-packet size overhead used in rate computations\n"
      + " linklay  adapting to a linklayer e.g. atm\n"
      + " ceil     definite upper class rate (no borrows) {rate}\n"
      + " cburst   burst but for ceil {computed}\n"
      + " mtu      max packet size we create rate map for {1600}\n"
      + " prio     priority of leaf; lower are served first {0}\n"
      + " quantum  how much bytes to serve from leaf at once {use r2q}\n"
      + "\nTC HTB version 3.3\n";

  private static TcExit explain1(TcContext c, String arg) {
    c.err("Illegal \"" + arg + "\"\n");
    c.err(USAGE);
    return c.fail();
  }

  /**
   * htb_parse_class_opt()'s {@code rate} or {@code ceil} ({@code what}) value {@code v}: bits per
   * second, or a percentage of the device's speed; {@code given} is the one already set, and a
   * second is refused.
   */
  private static long classRate(String what, long given, String v, String dev, TcContext c) {
    if (given != 0) {
      c.err("Double \"" + what + "\" spec\n");
      throw c.fail();
    }
    Long r = v.contains("%") ? c.percentRate64(v, dev) : TcUnits.getRate64(v);
    if (r == null) {
      throw explain1(c, what);
    }
    return r;
  }

  @Override
  public Object parseQopt(String id, Args a, String dev, TcContext c) {
    long r2q = 10;
    long defcls = 0;
    long debug = 0;
    Long directQlen = null;
    boolean offload = false;
    while (a.more()) {
      String w = a.cur();
      if (Args.matches(w, "r2q")) {
        Long v = TcUnits.getU32(a.next(), 10);
        if (v == null) {
          throw explain1(c, "r2q");
        }
        r2q = v;
      } else if (Args.matches(w, "default")) {
        Long v = TcUnits.getU32(a.next(), 16);
        if (v == null) {
          throw explain1(c, "default");
        }
        defcls = v;
      } else if (Args.matches(w, "debug")) {
        String p = a.next();
        for (int i = 0; i < 16 && i < p.length(); i++) {
          char ch = p.charAt(i);
          if (ch < '0' || ch > '3') {
            break;
          }
          debug |= (long) (ch - '0') << (2 * i);
        }
      } else if (Args.matches(w, "direct_qlen")) {
        Long v = TcUnits.getU32(a.next(), 10);
        if (v == null) {
          throw explain1(c, "direct_qlen");
        }
        // q_htb.c: ~0U is its "not given" marker, so direct_qlen 4294967295 sends nothing.
        directQlen = v == 0xFFFFFFFFL ? null : v;
      } else if (Args.matches(w, "offload")) {
        offload = true;
      } else {
        c.err("What is \"" + w + "\"?\n");
        c.err(USAGE);
        throw c.fail();
      }
      a.advance();
    }
    return new HtbGlob(3, r2q, defcls, debug, 0, directQlen, offload);
  }

  @Override
  public boolean hasParseCopt() {
    return true;
  }

  @Override
  public Object parseCopt(Args a, String dev, TcContext c) {
    long prio = 0;
    long quantum = 0;
    long buffer = 0;
    long cbuffer = 0;
    int cellLog = -1;
    int ccellLog = -1;
    long mtu = 1600;
    int mpu = 0;
    int overhead = 0;
    int linklayer = SizeSpec.LINKLAYER_ETHERNET;
    long ceil64 = 0;
    long rate64 = 0;
    while (a.more()) {
      String w = a.cur();
      if (Args.matches(w, "prio")) {
        Long v = TcUnits.getU32(a.next(), 10);
        if (v == null) {
          throw explain1(c, "prio");
        }
        prio = v;
      } else if (Args.matches(w, "mtu")) {
        Long v = TcUnits.getU32(a.next(), 10);
        if (v == null) {
          throw explain1(c, "mtu");
        }
        mtu = v;
      } else if (Args.matches(w, "mpu")) {
        Long v = TcUnits.getU16(a.next(), 10);
        if (v == null) {
          throw explain1(c, "mpu");
        }
        mpu = (int) (long) v;
      } else if (Args.matches(w, "overhead")) {
        Long v = TcUnits.getU16(a.next(), 10);
        if (v == null) {
          throw explain1(c, "overhead");
        }
        overhead = (int) (long) v;
      } else if (Args.matches(w, "linklayer")) {
        linklayer = TcUnits.getLinklayer(a.next());
        if (linklayer < 0) {
          throw explain1(c, "linklayer");
        }
      } else if (Args.matches(w, "quantum")) {
        Long v = TcUnits.getU32(a.next(), 10);
        if (v == null) {
          throw explain1(c, "quantum");
        }
        quantum = v;
      } else if (Args.matches(w, "burst") || w.equals("buffer") || w.equals("maxburst")) {
        long[] sc = RateTable.sizeAndCell(a.next());
        if (sc == null) {
          throw explain1(c, w);
        }
        buffer = sc[0];
        if (sc[1] >= 0) {
          cellLog = (int) sc[1];
        }
      } else if (Args.matches(w, "cburst") || w.equals("cbuffer") || w.equals("cmaxburst")) {
        long[] sc = RateTable.sizeAndCell(a.next());
        if (sc == null) {
          throw explain1(c, w);
        }
        cbuffer = sc[0];
        if (sc[1] >= 0) {
          ccellLog = (int) sc[1];
        }
      } else if (w.equals("ceil")) {
        ceil64 = classRate(w, ceil64, a.next(), dev, c);
      } else if (w.equals("rate")) {
        rate64 = classRate(w, rate64, a.next(), dev, c);
      } else if (w.equals("help")) {
        c.err(USAGE);
        throw c.fail();
      } else {
        c.err("What is \"" + w + "\"?\n");
        c.err(USAGE);
        throw c.fail();
      }
      a.advance();
    }
    if (rate64 == 0) {
      c.err("\"rate\" is required.\n");
      throw c.fail();
    }
    if (ceil64 == 0) {
      ceil64 = rate64;
    }
    long rate32 = Long.compareUnsigned(rate64, 1L << 32) >= 0 ? 0xFFFFFFFFL : rate64;
    long ceil32 = Long.compareUnsigned(ceil64, 1L << 32) >= 0 ? 0xFFFFFFFFL : ceil64;
    if (buffer == 0) {
      buffer = (Long.divideUnsigned(rate64, c.hz()) + mtu) & 0xFFFFFFFFL;
    }
    if (cbuffer == 0) {
      cbuffer = (Long.divideUnsigned(ceil64, c.hz()) + mtu) & 0xFFFFFFFFL;
    }
    TcRateSpec rate = RateTable.spec(rate32, cellLog, mtu, mpu, overhead, linklayer);
    TcRateSpec ceil = RateTable.spec(ceil32, ccellLog, mtu, mpu, overhead, linklayer);
    long bufTicks = TcUnits.xmittime(rate64, buffer);
    long cbufTicks = TcUnits.xmittime(ceil64, cbuffer);
    Long r64 = Long.compareUnsigned(rate64, 1L << 32) >= 0 ? rate64 : null;
    Long c64 = Long.compareUnsigned(ceil64, 1L << 32) >= 0 ? ceil64 : null;
    return new HtbOpt(rate, ceil, bufTicks, cbufTicks, quantum, 0, prio, r64, c64);
  }

  @Override
  public void printQopt(String id, JsonPrint out, Object opts, TcContext c) {
    HtbGlob g = (HtbGlob) opts;
    out.number("r2q", (int) g.rate2quantum(), "r2q " + (int) g.rate2quantum());
    String def = g.defcls() == 0 ? "0" : "0x" + Long.toHexString(g.defcls());
    out.string("default", def, " default " + def);
    out.unsigned("direct_packets_stat", g.directPkts(),
        " direct_packets_stat " + g.directPkts());
    if (c.details) {
      String ver = (g.version() >> 16) + "." + (g.version() & 0xffff);
      out.string("ver", ver, " ver " + ver);
    }
    if (g.directQlen() != null) {
      out.unsigned("direct_qlen", g.directQlen(), " direct_qlen " + g.directQlen());
    }
  }

  @Override
  public void printCopt(JsonPrint out, Object opts, TcContext c) {
    HtbOpt h = (HtbOpt) opts;
    StringBuilder f = new StringBuilder();
    if (h.level() == 0) {
      f.append("prio ").append((int) h.prio()).append(' ');
      if (c.details) {
        f.append("quantum ").append((int) h.quantum()).append(' ');
      }
    }
    long rate64 = h.rate64() != null ? h.rate64() : h.rate().rateUnsigned();
    long ceil64 = h.ceil64() != null ? h.ceil64() : h.ceil().rateUnsigned();
    f.append("rate ").append(c.rate(rate64)).append(' ');
    if (h.rate().overhead() != 0) {
      f.append("overhead ").append(h.rate().overhead() & 0xFFFF).append(' ');
    }
    long buffer = CFormat.toU32(TcUnits.xmitsize(rate64, h.buffer()));
    f.append("ceil ").append(c.rate(ceil64)).append(' ');
    long cbuffer = CFormat.toU32(TcUnits.xmitsize(ceil64, h.cbuffer()));
    int ll = h.rate().linklayer() & 0x0F;
    if (ll > SizeSpec.LINKLAYER_ETHERNET || c.details) {
      f.append("linklayer ").append(TcUnits.linklayer(ll)).append(' ');
    }
    if (c.details) {
      f.append("burst ").append(TcUnits.sprintSize(buffer)).append('/')
          .append(1L << h.rate().cellLog()).append(' ');
      f.append("mpu ").append(TcUnits.sprintSize(h.rate().mpu() & 0xFFFFL)).append(' ');
      f.append("cburst ").append(TcUnits.sprintSize(cbuffer)).append('/')
          .append(1L << h.ceil().cellLog()).append(' ');
      f.append("mpu ").append(TcUnits.sprintSize(h.ceil().mpu() & 0xFFFFL)).append(' ');
      f.append("level ").append(h.level()).append(' ');
    } else {
      f.append("burst ").append(TcUnits.sprintSize(buffer)).append(' ');
      f.append("cburst ").append(TcUnits.sprintSize(cbuffer)).append(' ');
    }
    if (c.raw) {
      f.append(String.format("buffer [%08x] cbuffer [%08x] ", h.buffer(), h.cbuffer()));
    }
    out.fp(f.toString());
  }

  @Override
  public String printXstats(Object xstats) {
    HtbXstats x = (HtbXstats) xstats;
    return " lended: " + x.lends() + " borrowed: " + x.borrows() + " giants: " + x.giants()
        + "\n tokens: " + x.tokens() + " ctokens: " + x.ctokens() + "\n";
  }
}

package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.PrioQopt;

/** tc/q_prio.c: prio options, and the printer pfifo_fast borrows. */
final class QPrio implements QdiscUtil {

  private final boolean parser;

  /** {@code parser} false gives pfifo_fast's module, which has no parse_qopt. */
  QPrio(boolean parser) {
    this.parser = parser;
  }

  @Override
  public boolean hasParseQopt() {
    return parser;
  }

  private static void explain(TcContext c) {
    c.err("Usage: ... prio bands NUMBER priomap P1 P2...[multiqueue]\n");
  }

  @Override
  public Object parseQopt(String id, Args a, String dev, TcContext c) {
    boolean pmapMode = false;
    int idx = 0;
    int bands = 3;
    int[] priomap = PrioQopt.defaultPriomap();
    boolean mq = false;
    while (a.more()) {
      String w = a.cur();
      if (w.equals("bands")) {
        if (pmapMode) {
          explain(c);
        }
        bands = (int) c.need(TcUnits.getInteger(a.next(), 10), "bands");
      } else if (w.equals("priomap")) {
        if (pmapMode) {
          c.err("Error: duplicate priomap\n");
          throw c.fail();
        }
        pmapMode = true;
      } else if (w.equals("multiqueue")) {
        mq = true;
      } else if (w.equals("help")) {
        explain(c);
        throw c.fail();
      } else {
        if (!pmapMode) {
          c.err("What is \"" + w + "\"?\n");
          explain(c);
          throw c.fail();
        }
        Long band = TcUnits.getU32(w, 10);
        if (band == null) {
          c.err("Illegal \"priomap\" element\n");
          throw c.fail();
        }
        if (band >= (bands & 0xFFFFFFFFL)) {
          c.err("\"priomap\" element is out of bands\n");
          throw c.fail();
        }
        if (idx > 15) {
          c.err("\"priomap\" index > TC_PRIO_MAX=15\n");
          throw c.fail();
        }
        priomap[idx++] = (int) (long) band;
      }
      a.advance();
    }
    return new PrioQopt(bands, priomap, mq ? Boolean.TRUE : null);
  }

  @Override
  public void printQopt(String id, JsonPrint out, Object opts, TcContext c) {
    PrioQopt q = (PrioQopt) opts;
    out.unsigned("bands", q.bands(), "bands " + q.bands() + " ");
    out.fp("priomap");
    out.openArray("priomap");
    for (int p : q.priomap()) {
      out.unsigned(null, p, " " + p);
    }
    out.closeArray();
    if (q.multiqueue() != null) {
      out.fp(" multiqueue: " + (q.multiqueue() ? "on" : "off") + " ");
    }
    out.jsonBool("multiqueue", q.multiqueue() != null && q.multiqueue());
  }
}

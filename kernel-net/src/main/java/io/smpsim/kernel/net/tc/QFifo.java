package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.FifoQopt;

/** tc/q_fifo.c: pfifo, bfifo and pfifo_head_drop ({@code limit} through get_size()). */
final class QFifo implements QdiscUtil {

  @Override
  public Object parseQopt(String id, Args a, String dev, TcContext c) {
    Long limit = null;
    while (a.more()) {
      if (a.cur().equals("limit")) {
        String v = a.next();
        limit = TcUnits.getSize(v);
        if (limit == null) {
          c.err(id + ": Illegal value for \"limit\": \"" + v + "\"\n");
          throw c.fail();
        }
      } else if (a.cur().equals("help")) {
        c.err("Usage: ... <[p|b]fifo | pfifo_head_drop> [ limit NUMBER ]\n");
        throw c.fail();
      } else {
        c.err(id + ": unknown parameter \"" + a.cur() + "\"\n");
        c.err("Usage: ... <[p|b]fifo | pfifo_head_drop> [ limit NUMBER ]\n");
        throw c.fail();
      }
      a.advance();
    }
    return limit == null ? null : new FifoQopt(limit);
  }

  @Override
  public void printQopt(String id, JsonPrint out, Object opts, TcContext c) {
    long limit = ((FifoQopt) opts).limit() & 0xFFFFFFFFL;
    if (id.equals("bfifo")) {
      out.unsigned("limit", limit, "limit " + TcUnits.sprintSize(limit));
    } else {
      out.unsigned("limit", limit, "limit " + limit + "p");
    }
  }
}

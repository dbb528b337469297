package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.FqCodelOpts;
import io.smpsim.kernel.net.sched.FqCodelXstats;

/** tc/q_fq_codel.c (without ce_threshold_selector). */
final class QFqCodel implements QdiscUtil {

  private static final String USAGE = "Usage: ... fq_codel\t[ limit PACKETS ] [ flows NUMBER ]\n"
      + "[ memory_limit BYTES ]\n"
      + "[ target TIME ] [ interval TIME ]\n"
      + "[ quantum BYTES ] [ [no]ecn ]\n"
      + "[ ce_threshold TIME ]\n"
      + "[ ce_threshold_selector VALUE/MASK ]\n"
      + "[ drop_batch SIZE ]\n";

  @Override
  public Object parseQopt(String id, Args a, String dev, TcContext c) {
    long limit = 0;
    long flows = 0;
    long quantum = 0;
    long dropBatch = 0;
    long target = 0;
    long interval = 0;
    long ce = 0xFFFFFFFFL;
    long memory = 0xFFFFFFFFL;
    int ecn = -1;
    while (a.more()) {
      String w = a.cur();
      switch (w) {
        case "limit": limit = c.need(TcUnits.getU32(a.next(), 0), "limit"); break;
        case "flows": flows = c.need(TcUnits.getU32(a.next(), 0), "flows"); break;
        case "quantum": quantum = c.need(TcUnits.getU32(a.next(), 0), "quantum"); break;
        case "drop_batch": dropBatch = c.need(TcUnits.getU32(a.next(), 0), "drop_batch"); break;
        case "target": target = c.need(TcUnits.getTime(a.next()), "target"); break;
        case "ce_threshold": ce = c.need(TcUnits.getTime(a.next()), "ce_threshold"); break;
        case "memory_limit": memory = c.need(TcUnits.getSize(a.next()), "memory_limit"); break;
        case "interval": interval = c.need(TcUnits.getTime(a.next()), "interval"); break;
        case "ecn": ecn = 1; break;
        case "noecn": ecn = 0; break;
        default:
          throw c.whatIs(w, USAGE);
      }
      a.advance();
    }
    return new FqCodelOpts(limit != 0 ? limit : null, flows != 0 ? flows : null,
        quantum != 0 ? quantum : null, target != 0 ? target : null,
        interval != 0 ? interval : null, ecn != -1 ? (long) ecn : null,
        ce != 0xFFFFFFFFL ? ce : null, dropBatch != 0 ? dropBatch : null,
        memory != 0xFFFFFFFFL ? memory : null);
  }

  @Override
  public void printQopt(String id, JsonPrint out, Object opts, TcContext c) {
    FqCodelOpts q = (FqCodelOpts) opts;
    if (q.limit() != null) {
      out.unsigned("limit", q.limit(), "limit " + q.limit() + "p ");
    }
    if (q.flows() != null) {
      out.unsigned("flows", q.flows(), "flows " + q.flows() + " ");
    }
    if (q.quantum() != null) {
      out.unsigned("quantum", q.quantum(), "quantum " + q.quantum() + " ");
    }
    if (q.target() != null) {
      out.jsonUnsigned("target", q.target());
      out.fp("target " + TcUnits.sprintTime(q.target()) + " ");
    }
    if (q.ceThreshold() != null) {
      out.jsonUnsigned("ce_threshold", q.ceThreshold());
      out.fp("ce_threshold " + TcUnits.sprintTime(q.ceThreshold()) + " ");
    }
    if (q.interval() != null) {
      out.jsonUnsigned("interval", q.interval());
      out.fp("interval " + TcUnits.sprintTime(q.interval()) + " ");
    }
    if (q.memoryLimit() != null) {
      out.unsigned("memory_limit", q.memoryLimit(),
          "memory_limit " + TcUnits.sprintSize(q.memoryLimit()) + " ");
    }
    if (q.ecn() != null && q.ecn() != 0) {
      out.bool("ecn", true, "ecn ");
    }
    if (q.dropBatch() != null && q.dropBatch() != 0) {
      out.unsigned("drop_batch", q.dropBatch(), "drop_batch " + q.dropBatch() + " ");
    }
  }

  @Override
  public String printXstats(Object xstats) {
    FqCodelXstats x = (FqCodelXstats) xstats;
    return "  maxpacket " + x.maxpacket() + " drop_overlimit " + x.dropOverlimit()
        + " new_flow_count " + x.newFlowCount() + " ecn_mark " + x.ecnMark()
        + "\n  new_flows_len " + x.newFlowsLen() + " old_flows_len " + x.oldFlowsLen();
  }
}

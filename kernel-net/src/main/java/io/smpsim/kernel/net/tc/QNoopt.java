package io.smpsim.kernel.net.tc;

/**
 * The qdisc_util tc invents for a kind it has no module for (tc.c parse_noqopt/print_noqopt):
 * mq, noqueue, blackhole and kinds only a kernel knows.
 */
final class QNoopt implements QdiscUtil {

  @Override
  public Object parseQopt(String id, Args a, String dev, TcContext c) {
    if (a.more()) {
      c.err("Unknown qdisc \"" + id + "\", hence option \"" + a.cur() + "\" is unparsable\n");
      throw c.fail();
    }
    return null;
  }

  @Override
  public void printQopt(String id, JsonPrint out, Object opts, TcContext c) {}
}

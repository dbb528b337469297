package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.core.NetlinkException;
import io.smpsim.kernel.net.sched.Extack;
import io.smpsim.kernel.net.sched.QdiscCtx;
import java.util.function.Consumer;

/**
 * rtnl_talk() (iproute2 lib/libnetlink.c) as tc_qdisc_modify() and tc_class_modify() use it:
 * one request to the kernel, its refusal printed and exit 2, or its extack warning printed and
 * success.
 */
final class RtnlTalk {

  private RtnlTalk() {}

  /** Send {@code request} at simulated time {@code nowNs}; 0, or a {@link TcExit} of status 2. */
  static int talk(TcContext c, long nowNs, Consumer<QdiscCtx> request) {
    Extack ack = new Extack();
    try {
      request.accept(new QdiscCtx(nowNs, c.ns.random(), ack));
    } catch (NetlinkException e) {
      throw TcCommand.kernelError(e, c.err.toString());
    }
    c.err(TcCommand.warning(ack));
    return 0;
  }
}

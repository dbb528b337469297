package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.net.dev.TxResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * pfifo_head_drop (net/sched/sch_fifo.c): at the limit the oldest packet is dropped to make
 * room, so the newest always gets in; the enqueue then answers NET_XMIT_CN (queued, but
 * congested), not SUCCESS.
 */
class PfifoHeadDropTest {

  @Test
  void aFullQueueDropsItsHeadAndKeepsTheNewest() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root handle 1: pfifo_head_drop limit 3");
    for (int i = 0; i < 5; i++) {
      TxResult r = b.offer(100, 1, 0);
      assertEquals(i < 3 ? NetXmit.SUCCESS : NetXmit.CN, r.verdict());
    }
    assertEquals(3, b.root().qlen());
    assertEquals(2, b.stats(0).drops());
    b.assertBooks(0);
    assertEquals(List.of(3L, 4L, 5L), b.drain(0));
    b.assertBooks(0);
  }

  /**
   * NET_XMIT_CN is congestion, not this packet's loss (net/core/dev.c hands it back to the
   * caller, which net_xmit_eval() counts as success): the stack reports the packet queued, and
   * only the qdisc counts a drop, the head it pushed out.
   */
  @Test
  void aCongestionNotificationIsAQueuedPacketNotADroppedOne() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root handle 1: pfifo_head_drop limit 1");
    assertEquals(TxResult.Outcome.QUEUED, b.offer(100, 1, 0).outcome());
    TxResult r = b.offer(100, 1, 0);
    assertEquals(NetXmit.CN, r.verdict());
    assertEquals(TxResult.Outcome.QUEUED, r.outcome());
    assertEquals(1, b.stats(0).drops());
    assertEquals(List.of(2L), b.drain(0));
    b.assertBooks(0);
  }
}

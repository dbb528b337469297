package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * mq (net/sched/sch_mq.c): a child qdisc per TX queue, each its own root lock; mq itself holds
 * nothing and dumps the sums of its children.
 */
class MqTest {

  @Test
  void eachQueueHasItsChildAndMqSumsThem() {
    QdiscBench b = new QdiscBench(4, "tc qdisc add dev veth0 root handle 1: mq");
    for (int port = 1; port <= 12; port++) {
      b.offer(100, port, 0);
    }
    List<Long> out = new ArrayList<>();
    int busy = 0;
    for (int q = 0; q < 4; q++) {
      List<Long> ids = b.drain(q, 0);
      busy += ids.isEmpty() ? 0 : 1;
      out.addAll(ids);
    }
    assertTrue(busy > 1, "the flows spread over the queues");
    out.sort(null);
    assertEquals(12, out.size());
    String show = b.bed.ok("tc -s qdisc show dev veth0");
    assertTrue(show.startsWith("qdisc mq 1: root \n Sent 1200 bytes 12 pkt (dropped 0,"), show);
    b.assertBooks(0);
  }
}

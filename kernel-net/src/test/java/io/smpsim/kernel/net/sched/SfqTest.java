package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sfq (net/sched/sch_sfq.c): flows hashed into slots served round-robin a quantum at a time,
 * FIFO within a flow; beyond {@code limit} packets it drops from the longest flow.
 */
class SfqTest {

  @Test
  void twoFlowsTakeTurnsAndEachKeepsItsOrder() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root handle 1: sfq quantum 1000");
    for (int i = 0; i < 3; i++) {
      b.offer(1000, 1, 0);
    }
    for (int i = 0; i < 3; i++) {
      b.offer(1000, 2, 0);
    }
    List<Long> order = b.drain(0);
    assertEquals(6, order.size());
    List<Long> first = new ArrayList<>(order.subList(0, 4));
    assertTrue(first.containsAll(List.of(1L, 4L)) && first.containsAll(List.of(2L, 5L)),
        "both flows are served before either is done: " + order);
    assertTrue(order.indexOf(1L) < order.indexOf(2L) && order.indexOf(2L) < order.indexOf(3L));
    assertTrue(order.indexOf(4L) < order.indexOf(5L) && order.indexOf(5L) < order.indexOf(6L));
    b.assertBooks(0);
  }

  @Test
  void overTheLimitTheLongestFlowLosesAPacket() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root handle 1: sfq limit 4");
    for (int i = 0; i < 4; i++) {
      b.offer(100, 1, 0);
    }
    b.offer(100, 2, 0);
    assertEquals(4, b.root().qlen());
    assertEquals(1, b.stats(0).drops());
    b.assertBooks(0);
    assertTrue(b.drain(0).contains(5L), "the short flow's packet survives");
    b.assertBooks(0);
  }
}

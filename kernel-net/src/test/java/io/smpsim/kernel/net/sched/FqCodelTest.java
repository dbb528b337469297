package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * fq_codel (net/sched/sch_fq_codel.c): per-flow queues served by deficit round robin, new flows
 * first, CoDel on each; beyond {@code limit} packets the fattest flow loses packets.
 */
class FqCodelTest {

  @Test
  void aFlowKeepsItsOrder() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root handle 1: fq_codel");
    for (int i = 0; i < 4; i++) {
      b.offer(500, 1, 0);
    }
    assertEquals(List.of(1L, 2L, 3L, 4L), b.drain(0));
    b.assertBooks(0);
  }

  @Test
  void aNewFlowIsServedBeforeAnOldOneFinishes() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root handle 1: fq_codel quantum 1000");
    for (int i = 0; i < 4; i++) {
      b.offer(1000, 1, 0);
    }
    b.offer(1000, 2, 0);
    List<Long> order = b.drain(0);
    assertEquals(5, order.size());
    assertTrue(order.indexOf(5L) < 4, "the sparse flow does not wait for the bulk one: " + order);
    b.assertBooks(0);
  }

  @Test
  void overTheLimitTheFattestFlowIsCutAndTheBooksStillBalance() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root handle 1: fq_codel limit 4");
    for (int i = 0; i < 6; i++) {
      b.offer(100, 1, 0);
    }
    b.offer(100, 2, 0);
    assertTrue(b.root().qlen() <= 4, "qlen " + b.root().qlen());
    assertTrue(b.stats(0).drops() >= 3, "drops " + b.stats(0).drops());
    b.assertBooks(0);
    assertTrue(b.drain(0).contains(7L), "the thin flow keeps its packet");
    b.assertBooks(0);
  }
}

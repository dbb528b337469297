package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * prio (net/sched/sch_prio.c): strict priority bands, each a child qdisc; a packet's band comes
 * from a filter or else the priomap; a child's drop is the parent's drop.
 */
class PrioTest {

  @Test
  void aLowerBandIsAlwaysServedFirst() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root handle 1: prio");
    b.offer(b.withPriority(2), 0);
    b.offer(b.withPriority(0), 0);
    b.offer(b.withPriority(6), 0);
    assertEquals(List.of(3L, 2L, 1L), b.drain(0));
    b.assertBooks(0);
  }

  @Test
  void aFullChildDropsAndTheRootCountsIt() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root handle 1: prio",
        "tc qdisc add dev veth0 parent 1:2 handle 20: pfifo limit 2");
    for (int i = 0; i < 4; i++) {
      b.offer(b.withPriority(0), 0);
    }
    b.offer(b.withPriority(6), 0);
    assertEquals(3, b.root().qlen());
    assertEquals(2, b.stats(0).drops());
    b.assertBooks(0);
    assertEquals(List.of(5L, 1L, 2L), b.drain(0));
    b.assertBooks(0);
  }
}

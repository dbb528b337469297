package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.net.dev.TxResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pfifo (net/sched/sch_fifo.c): first in, first out, tail drop at {@code limit} packets. */
class PfifoTest {

  @Test
  void packetsLeaveInTheOrderTheyCame() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root handle 1: pfifo limit 10");
    for (int i = 0; i < 5; i++) {
      b.offer(100 + i, 1 + i, 0);
    }
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), b.drain(0));
    b.assertBooks(0);
  }

  @Test
  void theTailIsDroppedAtTheLimitAndCounted() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root handle 1: pfifo limit 3");
    for (int i = 0; i < 5; i++) {
      TxResult r = b.offer(500, 1, 0);
      assertEquals(i < 3 ? TxResult.Outcome.QUEUED : TxResult.Outcome.DROPPED, r.outcome());
    }
    assertEquals(3, b.root().qlen());
    assertEquals(1500, b.root().backlog());
    assertEquals(2, b.stats(0).drops());
    b.assertBooks(0);
    assertEquals(List.of(1L, 2L), b.dequeue(2, 0));
    b.assertBooks(0);
    b.offer(500, 1, 0);
    assertEquals(List.of(3L, 6L), b.drain(0));
    b.assertBooks(0);
  }

  @Test
  void theDefaultLimitIsTheDevicesTxQueueLen() {
    QdiscBench b = new QdiscBench("ip link set veth0 txqueuelen 4",
        "tc qdisc add dev veth0 root handle 1: pfifo");
    for (int i = 0; i < 6; i++) {
      b.offer(100, 1, 0);
    }
    assertEquals(4, b.root().qlen());
    assertEquals(2, b.stats(0).drops());
    b.assertBooks(0);
  }
}

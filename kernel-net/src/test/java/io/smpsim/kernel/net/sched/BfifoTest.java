package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** bfifo (net/sched/sch_fifo.c): first in, first out, tail drop at {@code limit} bytes. */
class BfifoTest {

  @Test
  void theLimitIsInBytesNotPackets() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root handle 1: bfifo limit 1500");
    b.offer(1000, 1, 0);
    b.offer(400, 1, 0);
    b.offer(200, 1, 0);
    b.offer(100, 1, 0);
    assertEquals(3, b.root().qlen(), "1000 + 400 + 100 fit, the 200 did not");
    assertEquals(1500, b.root().backlog());
    assertEquals(1, b.stats(0).drops());
    b.assertBooks(0);
    assertEquals(List.of(1L, 2L, 4L), b.drain(0));
    b.assertBooks(0);
  }
}

package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * pfifo_fast (net/sched/sch_generic.c), the default qdisc: three FIFO bands chosen by the
 * packet's priority through the priomap, band 0 served first, one txqueuelen limit per band.
 */
class PfifoFastTest {

  @Test
  void bandsAreServedInOrderAndFifoWithinABand() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root pfifo_fast");
    b.offer(b.withPriority(2), 0);
    b.offer(b.withPriority(0), 0);
    b.offer(b.withPriority(6), 0);
    b.offer(b.withPriority(0), 0);
    b.offer(b.withPriority(6), 0);
    assertEquals(List.of(3L, 5L, 2L, 4L, 1L), b.drain(0),
        "interactive (band 0), then best effort (band 1), then bulk (band 2)");
    b.assertBooks(0);
  }

  @Test
  void eachBandHoldsTxQueueLenPackets() {
    QdiscBench b = new QdiscBench("ip link set veth0 txqueuelen 2",
        "tc qdisc add dev veth0 root pfifo_fast");
    for (int i = 0; i < 3; i++) {
      b.offer(b.withPriority(0), 0);
      b.offer(b.withPriority(6), 0);
    }
    assertEquals(4, b.root().qlen());
    assertEquals(2, b.stats(0).drops());
    b.assertBooks(0);
    assertEquals(List.of(2L, 4L, 1L, 3L), b.drain(0));
    b.assertBooks(0);
  }
}

package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * multiq (net/sched/sch_multiq.c): one band per TX queue, the packet's queue mapping picks the
 * band, bands served round-robin; one root for every queue.
 */
class MultiqTest {

  @Test
  void everyPacketLeavesOnceWhicheverBandItWasIn() {
    QdiscBench b = new QdiscBench(4, "tc qdisc add dev veth0 root handle 1: multiq");
    for (int port = 1; port <= 8; port++) {
      b.offer(100, port, 0);
    }
    List<Long> out = new ArrayList<>(b.drain(0));
    out.sort(null);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), out);
    b.assertBooks(0);
    assertTrue(b.bed.ok("tc qdisc show dev veth0").startsWith("qdisc multiq 1: root"));
  }
}

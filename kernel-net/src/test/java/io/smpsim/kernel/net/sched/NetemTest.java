package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * netem (net/sched/sch_netem.c): holds each packet for its delay, loses packets with the
 * given probability (counted as drops), and drops beyond {@code limit} packets.
 */
class NetemTest {

  private static final long MS = 1_000_000;

  @Test
  void aPacketLeavesWhenItsDelayIsOverAndInOrder() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root handle 1: netem delay 10ms");
    b.offer(100, 1, 0);
    b.offer(100, 1, MS);
    assertEquals(List.of(), b.drain(10 * MS - 1));
    assertEquals(List.of(1L), b.drain(10 * MS));
    assertEquals(List.of(2L), b.drain(11 * MS));
    b.assertBooks(11 * MS);
  }

  @Test
  void beyondTheLimitPacketsAreDropped() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root handle 1: netem limit 3");
    for (int i = 0; i < 5; i++) {
      b.offer(100, 1, 0);
    }
    assertEquals(3, b.root().qlen());
    assertEquals(2, b.stats(0).drops());
    b.assertBooks(0);
    assertEquals(List.of(1L, 2L, 3L), b.drain(0));
    b.assertBooks(0);
  }

  @Test
  void aLostPacketIsADrop() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root handle 1: netem loss 100%");
    for (int i = 0; i < 4; i++) {
      b.offer(100, 1, 0);
    }
    assertEquals(List.of(), b.drain(0));
    assertEquals(4, b.stats(0).drops());
    b.assertBooks(0);
  }
}

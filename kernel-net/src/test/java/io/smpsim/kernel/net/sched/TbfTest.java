package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * tbf (net/sched/sch_tbf.c): a token bucket of {@code burst} bytes filled at {@code rate} in
 * front of a bfifo of {@code limit} bytes; a packet leaves only when the bucket holds its size,
 * else the qdisc throttles itself and arms its watchdog for when it will.
 */
class TbfTest {

  private static final long MS = 1_000_000;

  @Test
  void theBurstLeavesAtOnceThenThePacketsWaitForTokens() {
    QdiscBench b = new QdiscBench(
        "tc qdisc add dev veth0 root handle 1: tbf rate 1mbit burst 1500 limit 3000");
    for (int i = 0; i < 3; i++) {
      b.offer(1000, 1, 0);
    }
    assertEquals(List.of(1L), b.drain(0), "the bucket holds one packet's worth");
    long wake = b.bed.stack.nextWakeupNs("veth0", 0);
    assertTrue(wake > 0 && wake <= 8 * MS, "1000 bytes at 1 Mbit/s take 8 ms: " + wake);
    assertEquals(List.of(), b.drain(wake - 1), "not a nanosecond early");
    assertEquals(List.of(2L), b.drain(wake));
    b.assertBooks(wake);
    assertEquals(List.of(3L), b.drain(wake + 8 * MS));
    b.assertBooks(wake + 8 * MS);
  }

  @Test
  void theQueueBehindTheBucketDropsBeyondItsByteLimit() {
    QdiscBench b = new QdiscBench(
        "tc qdisc add dev veth0 root handle 1: tbf rate 1mbit burst 1500 limit 3000");
    for (int i = 0; i < 5; i++) {
      b.offer(1000, 1, 0);
    }
    assertEquals(3, b.root().qlen());
    assertEquals(2, b.stats(0).drops());
    b.assertBooks(0);
    assertEquals(List.of(1L, 2L, 3L), b.runUntil(0, 100 * MS));
    assertEquals(0, b.root().qlen());
    b.assertBooks(100 * MS);
  }
}

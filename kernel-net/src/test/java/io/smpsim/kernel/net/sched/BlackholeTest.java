package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** blackhole (net/sched/sch_blackhole.c): every packet is dropped, and counted. */
class BlackholeTest {

  @Test
  void everythingOfferedIsDropped() {
    QdiscBench b = new QdiscBench("tc qdisc add dev veth0 root blackhole");
    for (int i = 0; i < 3; i++) {
      b.offer(100, 1, 0);
    }
    assertEquals(List.of(), b.drain(0));
    assertEquals(3, b.stats(0).drops());
    b.assertBooks(0);
  }
}

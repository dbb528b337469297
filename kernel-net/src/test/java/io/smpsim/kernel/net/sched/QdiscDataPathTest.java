package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.dev.TxResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-qdisc data-path behaviour with Linux semantics. */
class QdiscDataPathTest {

  private static List<Long> drainIds(TestBed b, long now) {
    List<Long> ids = new ArrayList<>();
    Packet p;
    while ((p = b.stack.dequeue("veth0", 0, now)) != null) {
      ids.add(p.id());
    }
    return ids;
  }

  @Test
  void pfifoAndBfifoTailDropAtTheirLimits() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: pfifo limit 3");
    for (int i = 0; i < 5; i++) {
      b.tx(b.udp(500, 1), 0);
    }
    assertEquals(List.of(1L, 2L, 3L), drainIds(b, 0));
    assertEquals(2, b.root().drops());
    b.ok("tc qdisc replace dev veth0 root handle 2: bfifo limit 1500");
    for (int i = 0; i < 4; i++) {
      b.tx(b.udp(500, 1), 0);
    }
    assertEquals(3, b.root().qlen());
    assertEquals(1, b.root().drops());
  }

  @Test
  void pfifoFastServesBandZeroFirstThroughThePriomap() {
    TestBed b = new TestBed();
    b.ok("ip link add ifb0 type ifb");
    b.ok("ip link set ifb0 up");
    Packet bulk = b.udp(100, 1);
    bulk.setPriority(2);
    Packet normal = b.udp(100, 1);
    normal.setPriority(0);
    Packet interactive = b.udp(100, 1);
    interactive.setPriority(6);
    for (Packet p : List.of(bulk, normal, interactive)) {
      assertEquals(TxResult.Outcome.QUEUED, b.stack.transmit("ifb0", p, 0).outcome());
    }
    assertEquals(interactive.id(), b.stack.dequeue("ifb0", 0, 0).id());
    assertEquals(normal.id(), b.stack.dequeue("ifb0", 0, 0).id());
    assertEquals(bulk.id(), b.stack.dequeue("ifb0", 0, 0).id());
  }

  @Test
  void prioUsesFiltersThenThePriomapAndServesBandsStrictly() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: prio bands 4 priomap 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3");
    b.ok("tc filter add dev veth0 parent 1: protocol ip prio 1 flower ip_proto udp dst_port 5001 "
        + "classid 1:1");
    Packet low = b.udp(100, 1);
    Packet urgent = Packet.udp(99, 100, 0xC0000201, 0xC0000263, 1, 5001);
    b.tx(low, 0);
    b.tx(urgent, 0);
    assertEquals(List.of(99L, low.id()), drainIds(b, 0));
    assertTrue(b.ok("tc class show dev veth0").startsWith("class prio 1:1 parent 1: \n"));
  }

  @Test
  void netemDelaysLosesAndDuplicatesFromTheSeededSource() {
    List<Long> first = netemRun(11);
    assertEquals(first, netemRun(11));
    assertNotEquals(first, netemRun(12));
    TestBed b = new TestBed(1, 3);
    b.ok("tc qdisc add dev veth0 root handle 1: netem delay 10ms 2ms");
    b.tx(b.udp(100, 1), 0);
    assertNull(b.stack.dequeue("veth0", 0, 7_999_999));
    long at = b.stack.nextWakeupNs("veth0", 0);
    assertTrue(at >= 8_000_000 && at <= 12_000_000, "jittered delay " + at);
    assertEquals(1, drainIds(b, at).size());
  }

  private static List<Long> netemRun(long seed) {
    TestBed b = new TestBed(1, seed);
    b.ok("tc qdisc add dev veth0 root handle 1: netem delay 1ms loss 30% duplicate 20%");
    for (int i = 0; i < 200; i++) {
      b.tx(b.udp(100, 1), 0);
    }
    List<Long> ids = drainIds(b, 5_000_000);
    assertTrue(ids.size() > 100 && ids.size() < 200, "lossy and duplicated: " + ids.size());
    return ids;
  }

  @Test
  void sfqSharesBetweenFlowsRoundRobin() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: sfq quantum 1000");
    for (int i = 0; i < 10; i++) {
      b.tx(b.udp(1000, 1111), 0);
    }
    for (int i = 0; i < 10; i++) {
      b.tx(b.udp(1000, 2222), 0);
    }
    List<Integer> ports = new ArrayList<>();
    Packet p;
    while ((p = b.stack.dequeue("veth0", 0, 0)) != null && ports.size() < 6) {
      ports.add(p.srcPort());
    }
    int first = ports.get(0);
    assertEquals(3, ports.stream().filter(x -> x == first).count(), "alternating: " + ports);
  }

  @Test
  void fqCodelDropsFromAStandingQueue() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: fq_codel target 5ms interval 100ms");
    for (int i = 0; i < 200; i++) {
      b.tx(b.udp(1000, 1), 0);
    }
    long t = 0;
    int sent = 0;
    for (int i = 0; i < 200; i++) {
      t += 2_000_000L;
      if (b.stack.dequeue("veth0", 0, t) != null) {
        sent++;
      }
    }
    assertTrue(b.root().drops() > 0, "codel dropped");
    assertEquals(200, sent + b.root().drops() + b.root().qlen());
  }

  @Test
  void multiqAndMqSteerByTheTxQueue() {
    TestBed b = new TestBed(4, 1);
    b.ok("tc qdisc add dev veth0 root handle 1: multiq");
    assertEquals("qdisc multiq 1: root refcnt 5 bands 4/4 \n", b.ok("tc qdisc show dev veth0"));
    int q = 0;
    for (int port = 0; port < 64; port++) {
      TxResult r = b.tx(b.udp(100, port), 0);
      q |= 1 << r.txQueue();
    }
    assertEquals(0b1111, q, "the flow hash spreads flows over every queue");
    assertEquals(64, b.root().qlen());
  }

  @Test
  void clsactEgressFilterDropsBeforeTheRootQdisc() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 clsact");
    b.ok("tc filter add dev veth0 egress protocol ip prio 1 flower ip_proto udp dst_port 9 "
        + "action drop");
    assertEquals(TxResult.Outcome.DROPPED, b.tx(b.udp(100, 1), 0).outcome());
    assertEquals(TxResult.Outcome.DIRECT,
        b.tx(Packet.udp(5, 100, 1, 2, 3, 4), 0).outcome());
  }

  @Test
  void htbFiltersClassifyIntoLeavesAndUnknownClassesGoDirect() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: htb default 99");
    b.ok("tc class add dev veth0 parent 1: classid 1:10 htb rate 1mbit");
    b.ok("tc filter add dev veth0 parent 1: protocol ip prio 1 handle 7 fw classid 1:10");
    Packet marked = b.udp(100, 1);
    marked.setMark(7);
    b.tx(marked, 0);
    b.tx(b.udp(100, 1), 0);
    assertTrue(b.ok("tc -s qdisc show dev veth0").contains("direct_packets_stat 1 "));
    assertEquals(1, ((Htb) b.root()).find(0x00010010).leaf().qlen());
  }
}

package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.TxResult;
import io.smpsim.kernel.net.tc.ShellResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Control-plane guarantees of the qdisc tree that users and the engine rely on. */
class ControlPlaneSemanticsTest {

  @Test
  void aNonMqRootOnAMultiqueueDeviceIsSharedByEveryTxQueue() {
    TestBed b = new TestBed(4, 1);
    b.ok("tc qdisc add dev veth0 root handle 1: htb");
    NetDevice d = b.dev();
    for (int i = 0; i < 4; i++) {
      assertSame(b.root(), d.txQueue(i).qdiscSleeping());
    }
    assertEquals(5, b.root().refcnt());
    assertTrue(b.ok("tc qdisc show dev veth0").contains("root refcnt 5 "));
  }

  @Test
  void anMqRootGivesEachTxQueueItsOwnChild() {
    TestBed b = new TestBed(4, 1);
    b.ok("tc qdisc add dev veth0 root handle 1: mq");
    b.ok("tc qdisc add dev veth0 parent 1:3 handle 30: tbf rate 1mbit burst 10k latency 5ms");
    NetDevice d = b.dev();
    assertEquals("tbf", d.txQueue(2).qdiscSleeping().kind());
    assertEquals(0x00300000, d.txQueue(2).qdiscSleeping().handle());
    assertEquals(4, List.of(0, 1, 2, 3).stream().map(i -> d.txQueue(i).qdiscSleeping())
        .distinct().count());
    b.ok("tc qdisc del dev veth0 parent 1:3");
    assertTrue(d.txQueue(2).qdiscSleeping().hasFlag(Qdisc.TCQ_F_BUILTIN));
    Packet p = b.udp(100, 1);
    d.txQueue(2).qdisc().enqueue(p, 0);
    assertEquals(0, d.txQueue(2).qdisc().qlen());
  }

  @Test
  void ingressIsGraftedLikeEgressAndFoundByHandle() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 handle ffff: ingress");
    assertNotNull(QdiscTree.lookup(b.dev(), 0xFFFF0000));
    assertEquals("qdisc ingress ffff: parent ffff:fff1 ---------------- \n",
        b.ok("tc qdisc show dev veth0 handle ffff:"));
    b.ok("tc filter add dev veth0 ingress protocol ip prio 1 matchall action drop");
    assertTrue(!b.stack.receive("veth0", b.udp(100, 1), 0));
    ShellResult r = b.run("tc class del dev veth0 classid ffff:1");
    assertEquals(2, r.exit());
    b.ok("tc qdisc del dev veth0 ingress");
    assertTrue(b.stack.receive("veth0", b.udp(100, 1), 0));
  }

  @Test
  void aBogusEstimatorFailsTheWholeCreationAndCreatesNothing() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: htb");
    b.ok("tc class add dev veth0 parent 1: classid 1:1 htb rate 1mbit");
    String before = b.snapshot();
    ShellResult r = b.run("@nl-qdisc-add veth0 1:1 5: pfifo 4 2");
    assertEquals(2, r.exit());
    assertEquals("error 22 Invalid argument: Failed to generate new estimator\n", r.stdout());
    assertEquals(before, b.snapshot());
    assertEquals(255, b.run("tc qdisc add dev veth0 parent 1:1 handle 5: estimator 16sec 64sec "
        + "pfifo").exit());
    assertEquals(before, b.snapshot());
  }

  @Test
  void aSizeTableChangesTheLengthEveryQdiscAccounts() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: stab overhead 24 linklayer ethernet pfifo");
    b.tx(b.udp(1000, 1), 0);
    assertEquals(1024, b.root().backlog());
    b.stack.dequeue("veth0", 0, 0);
    assertTrue(b.ok("tc -s qdisc show dev veth0").contains("Sent 1024 bytes 1 pkt"));
    b.ok("tc qdisc replace dev veth0 root handle 2: stab linklayer atm pfifo");
    b.tx(b.udp(1000, 1), 0);
    assertEquals(((1000 + 47) / 48) * 53, b.root().backlog());
  }

  @Test
  void classLookupStaysFastWithTenThousandHtbClasses() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: htb");
    long start = System.nanoTime();
    for (int i = 1; i <= 10_000; i++) {
      b.ok("tc class add dev veth0 parent 1: classid 1:" + Integer.toHexString(i)
          + " htb rate 1mbit");
    }
    Htb htb = (Htb) b.root();
    assertEquals(10_000, htb.classCount());
    assertTrue(htb.classHashBuckets() >= 8192, "hash grew: " + htb.classHashBuckets());
    for (int i = 1; i <= 10_000; i++) {
      assertNotNull(htb.find(0x00010000 | i));
    }
    assertTrue(System.nanoTime() - start < 20_000_000_000L, "10k classes in well under 20 s");
    assertEquals(10_000, b.ok("tc class show dev veth0").split("\n").length);
  }

  @Test
  void throttledQdiscsExposeTheirWakeUpAndCanBeTornDownWhileArmed() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: tbf rate 1mbit burst 1042 limit 10000");
    b.tx(b.udp(1042, 1), 0);
    b.tx(b.udp(1042, 1), 0);
    assertNotNull(b.stack.dequeue("veth0", 0, 0));
    assertEquals(null, b.stack.dequeue("veth0", 0, 0));
    long l2t = 1042L * 8 * 1000;
    assertEquals(l2t, b.stack.nextWakeupNs("veth0", 0), 1000);
    assertNotNull(b.stack.dequeue("veth0", 0, b.stack.nextWakeupNs("veth0", 0)));
    b.tx(b.udp(1042, 1), l2t);
    assertEquals(null, b.stack.dequeue("veth0", 0, l2t));
    Tbf tbf = (Tbf) b.root();
    assertTrue(tbf.watchdog().armed());
    b.ok("tc qdisc del dev veth0 root");
    assertTrue(!tbf.watchdog().armed());
    assertEquals(Long.MAX_VALUE, b.stack.nextWakeupNs("veth0", 0));
    TxResult r = b.tx(b.udp(100, 1), l2t);
    assertEquals(TxResult.Outcome.DIRECT, r.outcome());
  }

  @Test
  void htbAndNetemExposeWakeUpsToo() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: netem delay 5ms");
    b.tx(b.udp(100, 1), 1_000);
    assertEquals(null, b.stack.dequeue("veth0", 0, 1_000));
    assertEquals(5_001_000L, b.stack.nextWakeupNs("veth0", 0));
    b.ok("tc qdisc replace dev veth0 root handle 2: htb default 1");
    b.ok("tc class add dev veth0 parent 2: classid 2:1 htb rate 8kbit burst 1000 cburst 1000");
    for (int i = 0; i < 3; i++) {
      b.tx(b.udp(1000, 1), 0);
    }
    // A bucket at exactly zero still sends (htb_hiwater is 0): two packets, then throttled.
    assertNotNull(b.stack.dequeue("veth0", 0, 0));
    assertNotNull(b.stack.dequeue("veth0", 0, 0));
    assertEquals(null, b.stack.dequeue("veth0", 0, 0));
    long w = b.stack.nextWakeupNs("veth0", 0);
    assertTrue(w > 0 && w < Long.MAX_VALUE, "htb armed its watchdog: " + w);
  }

  @Test
  void aRejectedCommandChangesNothing() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: htb default 10");
    b.ok("tc class add dev veth0 parent 1: classid 1:10 htb rate 1mbit");
    b.ok("tc qdisc add dev veth0 parent 1:10 handle 10: pfifo limit 5");
    String before = b.snapshot();
    String[] refused = {
        "tc qdisc add dev veth0 root handle 2: pfifo",
        "tc qdisc replace dev veth0 root handle 1: htb default 3",
        "tc qdisc add dev veth0 parent 1:99 pfifo",
        "tc qdisc add dev veth0 parent 10:1 pfifo",
        "tc qdisc add dev veth0 parent 1:10 handle 10: bfifo",
        "tc qdisc replace dev veth0 parent 1:10 handle 1: pfifo",
        "tc qdisc add dev veth0 parent 1:10 handle 7: stab overhead 3 pfifo",
        "tc qdisc add dev veth0 parent 1:10 handle 8: noqueue",
        "tc class add dev veth0 parent 1: classid 1:10 htb rate 2mbit",
        "tc class add dev veth0 parent 1: classid 2:1 htb rate 2mbit",
        "tc class del dev veth0 classid 1:77",
        "tc qdisc add dev veth0 root handle 3: tbf rate 1mbit",
        "tc qdisc add dev veth0 parent 1:10 handle 9: prio bands 1",
        "tc qdisc del dev veth0 root handle 4:",
        "tc qdisc add dev veth0 root handle 5: mq",
    };
    for (String c : refused) {
      ShellResult r = b.run(c);
      assertTrue(r.exit() != 0, c + " was accepted");
      assertEquals(before, b.snapshot(), c);
    }
  }
}

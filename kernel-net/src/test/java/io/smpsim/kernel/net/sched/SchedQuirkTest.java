package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.tc.ShellResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each packet-scheduler quirk brings its bug back, and a namespace without it runs the fixed
 * kernel: the same commands, both ways.
 */
class SchedQuirkTest {

  private static final long TICK_250HZ = 4_000_000;

  private static TestBed bed(SchedQuirk... quirks) {
    return new TestBed(1, 1, Set.of(quirks), 1);
  }

  @Test
  void aBogusEstimatorFailsTheCreateUnlessItsErrorIsIgnored() {
    TestBed fixed = bed();
    ShellResult r = fixed.run("@nl-qdisc-add veth0 root 5: pfifo 9 3");
    assertEquals("error 22 Invalid argument: Failed to generate new estimator\n", r.stdout());
    assertFalse(fixed.ok("tc qdisc show dev veth0").contains("pfifo 5:"));

    TestBed old = bed(SchedQuirk.ESTIMATOR_ERRORS_IGNORED);
    assertEquals("ok\n", old.run("@nl-qdisc-add veth0 root 5: pfifo 9 3").stdout());
    String show = old.ok("tc -s qdisc show dev veth0");
    assertTrue(show.startsWith("qdisc pfifo 5: root"), show);
    assertFalse(show.contains(" rate "), "no estimator behind the qdisc: " + show);
  }

  private static TestBed netemUnderHtb(SchedQuirk... quirks) {
    TestBed b = bed(quirks);
    b.ok("tc qdisc add dev veth0 root handle 1: htb default 20");
    b.ok("tc class add dev veth0 parent 1: classid 1:20 htb rate 100mbit");
    b.ok("tc qdisc add dev veth0 parent 1:20 handle 20: netem delay 10ms duplicate 100%");
    for (int i = 0; i < 10; i++) {
      b.tx(b.udp(1042, 40000), 0);
    }
    return b;
  }

  private static Qdisc netem(TestBed b) {
    return QdiscTree.lookup(b.dev(), TcH.make(0x20 << 16, 0));
  }

  @Test
  void netemDuplicatesCountInTheParentUnlessTheyAreHiddenFromIt() {
    TestBed fixed = netemUnderHtb();
    assertEquals(20, netem(fixed).qlen());
    assertEquals(20, fixed.root().qlen());

    TestBed old = netemUnderHtb(SchedQuirk.NETEM_DUP_UNDERRUN);
    assertEquals(20, netem(old).qlen());
    assertEquals(10, old.root().qlen(), "the parent saw only the originals");
    // Dequeued once due, the parent's qlen reaches 0 with half of netem's packets left:
    // htb, believing itself empty, leaves them stranded.
    int sent = 0;
    for (long t = 10_000_000L; t < 200_000_000L; t += 100_000L) {
      while (old.stack.dequeue("veth0", 0, t) != null) {
        sent++;
      }
    }
    assertEquals(10, sent);
    assertEquals(0, old.root().qlen());
    assertEquals(10, netem(old).qlen());
  }

  private static TestBed backloggedLeafWithIngress(SchedQuirk... quirks) {
    TestBed b = bed(quirks);
    b.ok("tc qdisc add dev veth0 root handle 1: htb default 10");
    b.ok("tc class add dev veth0 parent 1: classid 1:10 htb rate 8kbit ceil 8kbit");
    b.ok("tc qdisc add dev veth0 handle ffff: ingress");
    for (int i = 0; i < 5; i++) {
      b.tx(b.udp(1042, 40000), 0);
    }
    b.stack.dequeue("veth0", 0, 0);
    return b;
  }

  @Test
  void deletingABackloggedClassWithAnIngressQdiscLoopsOnlyWithTheOldLookup() {
    TestBed fixed = backloggedLeafWithIngress();
    fixed.ok("tc class del dev veth0 classid 1:10");
    assertEquals(0, fixed.root().qlen());

    TestBed old = backloggedLeafWithIngress(SchedQuirk.QDISC_LOOKUP_INGRESS_LOOP);
    EndlessLoop loop = assertThrows(EndlessLoop.class,
        () -> old.run("tc class del dev veth0 classid 1:10"));
    assertEquals("qdisc_tree_reduce_backlog+0x5b/0x130", loop.rip());
  }

  @Test
  void anEmptyClassIsDeletedEvenWithTheOldLookup() {
    TestBed b = bed(SchedQuirk.QDISC_LOOKUP_INGRESS_LOOP);
    b.ok("tc qdisc add dev veth0 root handle 1: htb default 10");
    b.ok("tc class add dev veth0 parent 1: classid 1:10 htb rate 8kbit");
    b.ok("tc qdisc add dev veth0 handle ffff: ingress");
    b.ok("tc class del dev veth0 classid 1:10");
  }

  @Test
  void pschedReportsTheTimerResolutionAndTcSizesHtbBurstsFromIt() {
    assertEquals("000003e8 00000040 000f4240 3b9aca00\n", PschedShow.text(1, false));
    assertEquals("000003e8 00000040 000f4240 000000fa\n", PschedShow.text(TICK_250HZ, false));
    assertEquals("000003e8 00000040 000f4240 3b9aca00\n", PschedShow.text(TICK_250HZ, true));

    TestBed lowRes = new TestBed(1, 1, Set.of(), TICK_250HZ);
    lowRes.ok("tc qdisc add dev veth0 root handle 1: htb");
    lowRes.ok("tc class add dev veth0 parent 1: classid 1:10 htb rate 100mbit");
    assertTrue(lowRes.ok("tc class show dev veth0").contains("burst 51600b cburst 51600b"));

    TestBed quirk = new TestBed(1, 1, Set.of(SchedQuirk.PSCHED_CLOCK_RES), TICK_250HZ);
    quirk.ok("tc qdisc add dev veth0 root handle 1: htb");
    quirk.ok("tc class add dev veth0 parent 1: classid 1:10 htb rate 100mbit");
    assertTrue(quirk.ok("tc class show dev veth0").contains("burst 1600b cburst 1600b"));
  }

  /** An htb root with {@code n} classes 1:1 .. 1:n, added in that order. */
  private static TestBed htbWithClasses(int n, SchedQuirk... quirks) {
    TestBed b = bed(quirks);
    b.ok("tc qdisc add dev veth0 root handle 1: htb");
    for (int i = 1; i <= n; i++) {
      b.ok("tc class add dev veth0 parent 1: classid 1:" + Integer.toHexString(i)
          + " htb rate 1mbit");
    }
    return b;
  }

  /** What classifying one packet to class 1:1 by its priority costs its CPU, in ns. */
  private static long costOfAPacketTo11(TestBed b) {
    io.smpsim.kernel.net.core.Packet p = b.udp(1042, 40000);
    p.setPriority(TcH.make(1 << 16, 1));
    b.tx(p, 0);
    return p.takeXmitCostNs();
  }

  @Test
  void withAFixedHashThousandsOfClassesMakeEachPacketWalkALongChain() {
    TestBed grown = htbWithClasses(4000);
    assertEquals(8192, ((Htb) grown.root()).classHashBuckets());
    assertEquals(0, costOfAPacketTo11(grown), "1:1 is alone in its bucket");

    TestBed old = htbWithClasses(4000, SchedQuirk.FIXED_CLASS_HASH);
    assertEquals(16, ((Htb) old.root()).classHashBuckets());
    // 1:1 went in first, at the head of its bucket; the 249 classes of its bucket added after
    // it went in before it (hlist_add_head), and htb_find() passes over each.
    assertEquals(249 * ClassHash.ENTRY_NS, costOfAPacketTo11(old));
  }
  /** htb 1: with a slow class 1:10 whose leaf is prio 10:, five of flow 7's packets in band 10:2. */
  private static TestBed prioUnderHtb(SchedQuirk... quirks) {
    TestBed b = bed(quirks);
    b.ok("tc qdisc add dev veth0 root handle 1: htb default 10");
    b.ok("tc class add dev veth0 parent 1: classid 1:10 htb rate 8kbit ceil 8kbit");
    b.ok("tc qdisc add dev veth0 parent 1:10 handle 10: prio");
    for (int i = 0; i < 5; i++) {
      Packet p = b.udp(1042, 40000);
      p.setOwner(7);
      b.tx(p, 0);
    }
    // The first packet left on the class's burst; four wait in 10:2.
    assertTrue(b.stack.dequeue("veth0", 0, 0) != null);
    b.dev().takeFreed();
    return b;
  }

  @Test
  void aGraftBelowAPrioTellsTheHtbRootUnlessQlenIsNotPropagated() {
    TestBed fixed = prioUnderHtb();
    fixed.ok("tc qdisc replace dev veth0 parent 10:2 handle 20: pfifo");
    assertEquals(0, fixed.root().qlen());
    assertEquals(0, fixed.root().backlog());
    assertFalse(fixed.root().watchdog().armed(), "an empty root needs no watchdog");

    TestBed old = prioUnderHtb(SchedQuirk.NO_QLEN_PROPAGATION);
    old.ok("tc qdisc replace dev veth0 parent 10:2 handle 20: pfifo");
    Qdisc prio = QdiscTree.lookup(old.dev(), TcH.make(0x10 << 16, 0));
    assertEquals(0, prio.qlen(), "the parent running the graft adjusts itself");
    assertEquals(4, old.root().qlen(), "the root still counts the purged packets");
    assertTrue(old.ok("tc -s qdisc show dev veth0").contains("backlog 4168b 4p"));
    // Its dequeue finds no active class and re-arms the watchdog, at most 5 s ahead, for ever.
    long t = 10_000_000_000L;
    for (int i = 0; i < 3; i++) {
      assertEquals(null, old.stack.dequeue("veth0", 0, t));
      assertTrue(old.root().watchdog().armed());
      long next = old.root().watchdog().expiresNs();
      assertTrue(next > t && next <= t + 5_000_000_000L, "re-armed for " + next);
      t = next;
    }
    assertEquals(4, old.root().qlen());
  }

  @Test
  void purgedPacketsAreFreedToTheirSocketAtOnceEvenWhenTheRootKeepsCountingThem() {
    for (SchedQuirk[] q : new SchedQuirk[][] {{}, {SchedQuirk.NO_QLEN_PROPAGATION}}) {
      TestBed b = prioUnderHtb(q);
      b.ok("tc qdisc replace dev veth0 parent 10:2 handle 20: pfifo");
      List<Packet> freed = b.dev().takeFreed();
      assertEquals(4, freed.size(), "kfree_skb() per purged packet");
      assertTrue(freed.stream().allMatch(p -> p.owner() == 7));
      assertTrue(b.dev().takeFreed().isEmpty());
    }
  }
}

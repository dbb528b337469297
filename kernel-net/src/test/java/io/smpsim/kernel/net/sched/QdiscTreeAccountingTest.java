package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.kernel.net.core.Packet;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * qlen and backlog stay exact in every ancestor when packets leave a child outside the
 * enqueue/dequeue path (qdisc_tree_reduce_backlog): class delete, graft, change, netem
 * duplication.
 */
class QdiscTreeAccountingTest {

  private static TestBed htbWithLeaf(String leaf) {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: htb default 10");
    b.ok("tc class add dev veth0 parent 1: classid 1:1 htb rate 1mbit");
    b.ok("tc class add dev veth0 parent 1:1 classid 1:10 htb rate 8kbit ceil 8kbit");
    b.ok("tc qdisc add dev veth0 parent 1:10 handle 10: " + leaf);
    return b;
  }

  private static void fill(TestBed b, int n) {
    for (int i = 0; i < n; i++) {
      b.tx(b.udp(1042, 40000), 0);
    }
  }

  @Test
  void deletingANonEmptyLeafClassPurgesItsPacketsFromTheRootCounts() {
    TestBed b = htbWithLeaf("pfifo limit 100");
    fill(b, 5);
    assertEquals(5, b.root().qlen());
    assertEquals(5 * 1042, b.root().backlog());
    b.ok("tc class del dev veth0 classid 1:10");
    assertEquals(0, b.root().qlen());
    assertEquals(0, b.root().backlog());
    assertEquals(5, b.root().drops());
    assertTrue(b.ok("tc -s qdisc show dev veth0").contains("(dropped 5,"));
  }

  @Test
  void graftingOverANonEmptyLeafForgetsItsPacketsInTheParent() {
    TestBed b = htbWithLeaf("pfifo limit 100");
    fill(b, 3);
    b.ok("tc qdisc replace dev veth0 parent 1:10 handle 20: bfifo");
    assertEquals(0, b.root().qlen());
    assertEquals(0, b.root().backlog());
    assertEquals(3, b.root().drops());
  }

  @Test
  void shrinkingFqCodelUnderPrioReportsTheDropsToPrio() {
    TestBed b = new TestBed();
    b.ok("tc qdisc add dev veth0 root handle 1: prio");
    b.ok("tc qdisc add dev veth0 parent 1:2 handle 20: fq_codel limit 100");
    fill(b, 50);
    assertEquals(50, b.root().qlen());
    b.ok("tc qdisc change dev veth0 parent 1:2 handle 20: fq_codel limit 10");
    Qdisc child = QdiscTree.lookup(b.dev(), 0x00200000);
    assertEquals(10, child.qlen());
    assertEquals(child.qlen(), b.root().qlen());
    assertEquals(child.backlog(), b.root().backlog());
  }

  @Test
  void netemDuplicatesAreCountedByEveryAncestor() {
    TestBed b = htbWithLeaf("netem delay 10ms duplicate 100%");
    fill(b, 4);
    Qdisc netem = QdiscTree.lookup(b.dev(), 0x00100000);
    assertEquals(8, netem.qlen());
    assertEquals(8, b.root().qlen());
    assertEquals(8 * 1042, b.root().backlog());
    int out = 0;
    long t = 20_000_000L;
    for (int i = 0; i < 100 && b.stack.dequeue("veth0", 0, t) != null; i++) {
      out++;
    }
    assertEquals(b.root().qlen(), netem.qlen());
    assertEquals(b.root().backlog(), netem.backlog());
    assertTrue(out >= 1);
  }

  @Test
  void headDropKeepsTheNewestPacketsAndTellsTheParent() {
    TestBed b = htbWithLeaf("pfifo_head_drop limit 3");
    Packet[] ps = new Packet[5];
    for (int i = 0; i < 5; i++) {
      ps[i] = b.udp(100 + i, 40000);
      b.tx(ps[i], 0);
    }
    Qdisc leaf = QdiscTree.lookup(b.dev(), 0x00100000);
    assertEquals(3, leaf.qlen());
    assertEquals(3, b.root().qlen());
    assertEquals(102 + 103 + 104, b.root().backlog());
    assertEquals(Arrays.asList(2L, 3L, 4L).size(), leaf.qlen());
  }
}

package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.kernel.net.core.Packet;
import org.junit.jupiter.api.Test;

/**
 * htb (net/sched/sch_htb.c): a packet goes to the leaf its skb->priority or a filter names, or
 * to the default class; each leaf sends at its rate and borrows from its parent up to its ceil;
 * a leaf's queue drop is counted by the root.
 */
class HtbTest {

  private static final long MS = 1_000_000;

  private static QdiscBench twoLeaves(String... more) {
    String[] base = {
        "tc qdisc add dev veth0 root handle 1: htb default 20",
        "tc class add dev veth0 parent 1: classid 1:1 htb rate 10mbit",
        "tc class add dev veth0 parent 1:1 classid 1:10 htb rate 1mbit ceil 1mbit",
        "tc class add dev veth0 parent 1:1 classid 1:20 htb rate 5mbit ceil 10mbit"};
    String[] all = new String[more.length + base.length];
    System.arraycopy(more, 0, all, 0, more.length);
    System.arraycopy(base, 0, all, more.length, base.length);
    return new QdiscBench(all);
  }

  private static Packet to(QdiscBench b, int minor) {
    Packet p = b.bed.udp(1000, 1);
    p.setPriority(0x10000 | minor);
    return p;
  }

  @Test
  void skbPriorityPicksTheLeafAndTheRestGoesToTheDefault() {
    QdiscBench b = twoLeaves();
    b.offer(to(b, 0x10), 0);
    b.offer(b.bed.udp(1000, 1), 0);
    b.drain(0);
    b.assertBooks(0);
    String classes = b.bed.ok("tc -s class show dev veth0");
    assertTrue(classes.matches("(?s).*class htb 1:10 parent 1:1 .*?Sent 1000 bytes 1 pkt.*"),
        classes);
    assertTrue(classes.matches("(?s).*class htb 1:20 parent 1:1 .*?Sent 1000 bytes 1 pkt.*"),
        classes);
  }

  @Test
  void aLeafAtItsCeilWaitsWhileItsQueueHoldsThePackets() {
    QdiscBench b = twoLeaves();
    for (int i = 0; i < 10; i++) {
      b.offer(to(b, 0x10), 0);
    }
    int first = b.drain(0).size();
    assertTrue(first < 10, "1:10 cannot send ten packets at once at 1 Mbit/s: " + first);
    b.assertBooks(0);
    assertEquals(10 - first, b.root().qlen());
    b.runUntil(0, 200 * MS);
    assertEquals(0, b.root().qlen(), "80 ms of 1 Mbit/s sends the rest");
    b.assertBooks(200 * MS);
  }

  @Test
  void aFullLeafQueueDropsAndTheRootCountsTheDrop() {
    QdiscBench b = twoLeaves("ip link set veth0 txqueuelen 3");
    for (int i = 0; i < 5; i++) {
      b.offer(to(b, 0x10), 0);
    }
    assertEquals(3, b.root().qlen());
    assertEquals(2, b.stats(0).drops());
    b.assertBooks(0);
  }

  /**
   * With 10,000 backlogged leaves that are all within their rates, the root class's feed is a
   * deficit round robin in classid order: a quantum of one packet serves 1:1, 1:2, ... 1:2710,
   * then 1:1 again.
   */
  @Test
  void tenThousandBackloggedLeavesAreServedRoundRobinInClassidOrder() {
    int n = 10_000;
    String[] tc = new String[n + 3];
    tc[0] = "ip link set veth0 txqueuelen 4";
    tc[1] = "tc qdisc add dev veth0 root handle 1: htb";
    tc[2] = "tc class add dev veth0 parent 1: classid 1:ffff htb rate 100gbit";
    for (int i = 1; i <= n; i++) {
      tc[i + 2] = "tc class add dev veth0 parent 1:ffff classid 1:" + Integer.toHexString(i)
          + " htb rate 10mbit burst 10k quantum 1000";
    }
    QdiscBench b = new QdiscBench(tc);
    for (int round = 0; round < 2; round++) {
      for (int i = 1; i <= n; i++) {
        b.offer(to(b, i), 0);
      }
    }
    assertEquals(2 * n, b.root().qlen());
    for (int round = 0; round < 2; round++) {
      for (int i = 1; i <= n; i++) {
        Packet p = b.bed.stack.dequeue("veth0", 0, 0);
        assertEquals(0x10000 | i, p.priority(), "round " + round + ", turn " + i);
      }
    }
    assertEquals(0, b.root().qlen());
  }

  /**
   * A class at its ceil waits for its bucket, and the qdisc needs no polling: the watchdog is
   * armed for the next moment a class's mode improves, nothing may leave one nanosecond before
   * it, and following the watchdog alone sends everything.
   */
  @Test
  void followingTheWatchdogAloneSendsEverythingAndNothingLeavesEarly() {
    QdiscBench b = twoLeaves();
    for (int i = 0; i < 10; i++) {
      b.offer(to(b, 0x10), 0);
    }
    b.drain(0);
    long wake = 0;
    while (b.root().qlen() > 0) {
      long next = b.bed.stack.nextWakeupNs("veth0", 0);
      assertTrue(next > wake && next < 200 * MS, "the watchdog moves on: " + next);
      assertEquals(0, b.drain(next - 1).size(), "nothing leaves before the watchdog, at " + next);
      b.drain(next);
      wake = next;
    }
    b.assertBooks(wake);
  }
}

package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.dev.TxResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A qdisc on veth0 of a {@link TestBed}, fed and drained by hand, with the books every qdisc
 * test checks: each packet offered is sent (dequeued), dropped or still queued, exactly once.
 */
final class QdiscBench {

  final TestBed bed;
  private long offered;
  private long offeredBytes;
  private long sentBytes;
  private long sent;

  /** veth0 with {@code txq} TX queues, set up by the {@code tc} commands. */
  QdiscBench(int txq, String... tc) {
    bed = new TestBed(txq, 1);
    for (String c : tc) {
      bed.ok(c);
    }
  }

  QdiscBench(String... tc) {
    this(1, tc);
  }

  /** A 100-byte UDP packet whose skb->priority is {@code priority}. */
  Packet withPriority(int priority) {
    Packet p = bed.udp(100, 1);
    p.setPriority(priority);
    return p;
  }

  /** Offer a {@code len}-byte UDP packet from source port {@code port} at {@code now}. */
  TxResult offer(int len, int port, long now) {
    return offer(bed.udp(len, port), now);
  }

  TxResult offer(Packet p, long now) {
    offered++;
    offeredBytes += p.len();
    return bed.tx(p, now);
  }

  /** Dequeue from TX queue {@code txq} until the qdisc releases nothing at {@code now}. */
  List<Long> drain(int txq, long now) {
    List<Long> ids = new ArrayList<>();
    Packet p;
    while ((p = bed.stack.dequeue("veth0", txq, now)) != null) {
      ids.add(p.id());
      sent++;
      sentBytes += p.len();
    }
    return ids;
  }

  List<Long> drain(long now) {
    return drain(0, now);
  }

  /**
   * Run TX queue 0 as the stack does from {@code now} to {@code end}: dequeue what the qdisc
   * releases, then again at each watchdog expiry, as the qdisc's watchdog timer would.
   */
  List<Long> runUntil(long now, long end) {
    List<Long> ids = new ArrayList<>(drain(now));
    long next;
    while ((next = bed.stack.nextWakeupNs("veth0", 0)) != QdiscWatchdog.NONE && next <= end) {
      ids.addAll(drain(next));
    }
    return ids;
  }

  /** At most {@code n} packets from TX queue 0 at {@code now}. */
  List<Long> dequeue(int n, long now) {
    List<Long> ids = new ArrayList<>();
    Packet p;
    while (ids.size() < n && (p = bed.stack.dequeue("veth0", 0, now)) != null) {
      ids.add(p.id());
      sent++;
      sentBytes += p.len();
    }
    return ids;
  }

  Qdisc root() {
    return bed.root();
  }

  QStats stats(long now) {
    return root().stats(now);
  }

  /**
   * The books balance at {@code now}: the root counts what left it, sent + dropped + backlog
   * is what was offered, and the bytes that left are the bytes it counts as sent.
   */
  void assertBooks(long now) {
    QStats s = stats(now);
    assertEquals(sent, s.packets(), "the root counts what left it: " + s);
    assertEquals(sentBytes, s.bytes(), "and its bytes: " + s);
    assertEquals(offered, s.packets() + s.drops() + s.qlen(),
        "sent + dropped + backlog == enqueued (" + offered + "): " + s);
    if (s.drops() == 0) {
      assertEquals(offeredBytes, s.bytes() + s.backlog(), "no drop: every byte sent or queued");
    }
  }

  long offered() {
    return offered;
  }
}

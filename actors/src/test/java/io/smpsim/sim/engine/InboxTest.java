package io.smpsim.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.sim.Event;
import io.smpsim.sim.EventQueue;
import io.smpsim.sim.testing.TestPayloads;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** An entity's inbox: concurrent deliveries while the entity takes its mail. */
class InboxTest {

  @Test
  void everyDeliveryIsTakenExactlyOnceWhileTheOwnerTakesConcurrently() throws Exception {
    Inbox inbox = new Inbox();
    EventQueue queue = new EventQueue(0, 4);
    int senders = 3;
    int each = 50_000;
    CountDownLatch go = new CountDownLatch(1);
    Thread[] threads = new Thread[senders];
    for (int s = 0; s < senders; s++) {
      int src = s + 1;
      threads[s] = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < each; i++) {
          // Times fall and rise, so deliveries both lower the earliest time and do not.
          inbox.deliver(1_000_000 + (i * 7919L) % 100_000, src, i, new TestPayloads.Token(src, ""));
        }
      });
      threads[s].start();
    }
    go.countDown();
    boolean running = true;
    while (running) {
      inbox.drainInto(queue);
      running = false;
      for (Thread t : threads) {
        running |= t.isAlive();
      }
    }
    for (Thread t : threads) {
      t.join();
    }
    // What is still in the inbox: its earliest time may be early, never late.
    List<Event> left = new ArrayList<>();
    inbox.copyInto(left, 0);
    for (Event e : left) {
      assertTrue(inbox.min() <= e.time(), "the inbox's earliest time is never later than an event");
    }
    inbox.drainInto(queue);
    assertEquals(senders * each, queue.size(), "every event arrives, once");
    queue.due(Long.MAX_VALUE);
    Set<Long> keys = new HashSet<>();
    long last = Long.MIN_VALUE;
    while (!queue.isEmpty()) {
      Event e = queue.poll();
      assertTrue(e.time() >= last, "the queue orders the events by time");
      last = e.time();
      assertTrue(keys.add(e.src() * 1_000_000L + e.seq()), "no event twice: " + e);
    }
    assertEquals(Long.MAX_VALUE, inbox.min(), "an emptied inbox has no earliest time");
  }

  @Test
  void aDeliveryReportsWhetherItMadeTheInboxEarlier() {
    Inbox inbox = new Inbox();
    assertTrue(inbox.deliver(500, 1, 0, new TestPayloads.Token(1, "")));
    assertEquals(false, inbox.deliver(700, 2, 0, new TestPayloads.Token(2, "")));
    assertTrue(inbox.deliver(300, 3, 0, new TestPayloads.Token(3, "")));
    assertEquals(300, inbox.min());
    EventQueue q = new EventQueue(0, 4);
    assertEquals(300, inbox.drainInto(q), "the take answers the earliest time it took");
    assertEquals(3, q.size());
    assertTrue(inbox.deliver(900, 1, 1, new TestPayloads.Token(1, "")),
        "after a take, the next delivery is the earliest again");
  }
}

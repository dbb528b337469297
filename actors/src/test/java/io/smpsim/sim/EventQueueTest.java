package io.smpsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.sim.testing.TestPayloads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventQueueTest {

  private static Event ev(long t, int src, long seq) {
    return new Event(t, src, seq, 0, new TestPayloads.Token(0, "x"));
  }

  @Test
  void pollsInTimeSourceSeqOrderWhateverTheInsertionOrder() {
    List<Event> events = new ArrayList<>();
    for (int t = 0; t < 20; t++) {
      for (int src = 0; src < 5; src++) {
        for (int seq = 0; seq < 3; seq++) {
          events.add(ev(t * 7 % 11, src, seq));
        }
      }
    }
    assertPollsInEventOrder(events, 42);
  }

  /** Queued in a shuffled order, {@code events} come out in {@link Event}'s own order. */
  private static void assertPollsInEventOrder(List<Event> events, long shuffleSeed) {
    List<Event> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new java.util.Random(shuffleSeed));
    EventQueue q = new EventQueue(0, 2);
    shuffled.forEach(q::add);
    List<Event> polled = new ArrayList<>();
    while (!q.isEmpty()) {
      polled.add(q.poll());
    }
    List<Event> sorted = new ArrayList<>(events);
    Collections.sort(sorted);
    assertEquals(sorted, polled);
  }

  /**
   * Sources and sequence numbers share one order word: at one instant, an injected event still
   * comes first, and the largest source and sequence number the queue takes still order after
   * every smaller one, as {@link Event}'s own order says.
   */
  @Test
  void ordersTheEnvironmentAndTheLargestSourcesAndSequenceNumbersAsEventsDo() {
    List<Event> events = new ArrayList<>();
    int[] srcs = {Event.ENVIRONMENT, 0, 1, 1 << 20, EventQueue.MAX_SRC - 1, EventQueue.MAX_SRC};
    long[] seqs = {0, 1, 1L << 32, EventQueue.MAX_SEQ - 1, EventQueue.MAX_SEQ};
    for (int src : srcs) {
      for (long seq : seqs) {
        events.add(ev(5, src, seq));
      }
    }
    assertPollsInEventOrder(events, 3);
  }

  @Test
  void refusesAnEventItCouldNotOrderInsteadOfMisplacingIt() {
    EventQueue q = new EventQueue(0, 4);
    assertThrows(IllegalStateException.class, () -> q.add(ev(1, 0, EventQueue.MAX_SEQ + 1)));
    assertThrows(IllegalStateException.class, () -> q.add(ev(1, EventQueue.MAX_SRC + 1, 0)));
    assertThrows(IllegalStateException.class, () -> q.add(ev(1, 0, -1)));
    assertTrue(q.isEmpty());
    // A timer handle that was never queued is simply not there, whatever its value.
    q.add(ev(1, 0, 7));
    assertFalse(q.remove(0, -1));
    assertFalse(q.remove(EventQueue.MAX_SRC + 1, 7));
    assertEquals(1, q.size());
  }

  @Test
  void removesAQueuedTimerAndKeepsTheOrderOfTheRest() {
    EventQueue q = new EventQueue(0, 16);
    for (int i = 0; i < 50; i++) {
      q.add(ev(100 - i, 1, i));
    }
    assertTrue(q.remove(1, 10));
    assertFalse(q.remove(1, 10));
    assertFalse(q.remove(2, 11));
    long last = -1;
    int n = 0;
    while (!q.isEmpty()) {
      Event e = q.poll();
      assertTrue(e.time() >= last);
      assertTrue(e.seq() != 10);
      last = e.time();
      n++;
    }
    assertEquals(49, n);
  }

  /**
   * An entity's life in windows: each window makes its horizon due, takes new events (before
   * and after the horizon), cancels some, and handles everything before the horizon. What it
   * handles, window after window, is exactly the reference order, and what is left is the rest.
   */
  @Test
  void windowAfterWindowHandlesExactlyTheDueEventsInOrder() {
    java.util.Random r = new java.util.Random(11);
    EventQueue q = new EventQueue(0, 4);
    java.util.TreeSet<Event> reference = new java.util.TreeSet<>();
    long seq = 0;
    long horizon = 0;
    for (int w = 0; w < 400; w++) {
      long start = horizon;
      horizon += 1 + r.nextInt(50);
      q.due(horizon);
      for (int i = r.nextInt(12); i > 0; i--) {
        // Mail and timers: some inside the window (timers), most after it.
        Event e = ev(start + r.nextInt(200), r.nextInt(4), seq++);
        q.add(e);
        reference.add(e);
      }
      if (!reference.isEmpty() && r.nextInt(4) == 0) {
        Event victim = new ArrayList<>(reference).get(r.nextInt(reference.size()));
        assertTrue(q.remove(victim.src(), victim.seq()));
        reference.remove(victim);
      }
      while (q.peekTime() < horizon) {
        Event expected = reference.pollFirst();
        assertEquals(expected.time(), q.peekTime());
        assertEquals(expected.src(), q.peekSrc());
        assertEquals(expected.seq(), q.peekSeq());
        assertEquals(expected.payload(), q.peekPayload());
        q.removeFirst();
      }
      assertTrue(reference.isEmpty() || reference.first().time() >= horizon,
          "nothing due is left behind");
      assertEquals(reference.size(), q.size());
      assertEquals(reference.isEmpty() ? Long.MAX_VALUE : reference.first().time(),
          q.peekTime(), "the earliest pending time counts the events after the horizon");
    }
    List<Event> rest = new ArrayList<>();
    while (!q.isEmpty()) {
      rest.add(q.poll());
    }
    assertEquals(new ArrayList<>(reference), rest, "past every horizon, everything in order");
  }
}

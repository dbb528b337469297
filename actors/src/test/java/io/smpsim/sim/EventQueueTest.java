package io.smpsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    List<Event> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new java.util.Random(42));
    EventQueue q = new EventQueue(0, 2);
    shuffled.forEach(q::add);
    List<Event> polled = new ArrayList<>();
    while (!q.isEmpty()) {
      polled.add(q.poll());
    }
    Collections.sort(events);
    assertEquals(events, polled);
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
}

package io.smpsim.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.sim.SimMessage;
import io.smpsim.sim.testing.TestPayloads.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * A window's mail sorted to its receivers: every event lands in its receiver's slice once, and
 * a window big enough to be scattered on two threads (sorted inside a fork-join pool) gives
 * exactly the slices, in the same places, that one thread gives, so the entities' steps cannot
 * tell which path ran.
 */
class MailroomTest {

  private static final int WORLD = 4_000;
  /** Every other entity of the world is on this node. */
  private static final int LOCALS = WORLD / 2;

  private static int[] localIndex() {
    int[] idx = new int[WORLD];
    for (int id = 0; id < WORLD; id++) {
      idx[id] = id % 2 == 0 ? id / 2 : -1;
    }
    return idx;
  }

  /** The same window's mail into {@code m}: remote batches first, then the senders' outboxes. */
  private static List<Outbox> fill(Mailroom m, int events, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < events / 10; i++) {
      m.add(r.nextInt(LOCALS), 1_000 + r.nextInt(500), WORLD + i, i, new Token(i, "in"));
    }
    List<Outbox> outboxes = new ArrayList<>();
    int sent = events / 10;
    for (int src = 0; sent < events; src++) {
      Outbox out = new Outbox(src, 4);
      int n = Math.min(events - sent, 1 + r.nextInt(12));
      for (int k = 0; k < n; k++) {
        out.add(1_000 + r.nextInt(500), k, r.nextInt(WORLD), new Token(sent + k, "out"));
      }
      sent += n;
      m.addOutbox(out);
      outboxes.add(out);
    }
    return outboxes;
  }

  /** Each receiver's slice, in order, as (time, src, seq, payload) rows. */
  private static Map<Integer, List<String>> slices(Mailroom m) {
    Map<Integer, List<String>> s = new HashMap<>();
    Mailroom.Sorted mail = m.mail();
    for (int i = 0; i < m.entitiesWithMail(); i++) {
      int e = m.entityWithMail(i);
      List<String> rows = new ArrayList<>();
      for (int j = m.starts()[e]; j < m.starts()[e] + m.counts()[e]; j++) {
        rows.add(j + ":" + mail.event(j, e));
      }
      s.put(e, rows);
    }
    return s;
  }

  @Test
  void aBigWindowScatteredOnTwoThreadsFillsTheSamePlacesAsOne() throws Exception {
    int events = 3 * Mailroom.PARALLEL_SCATTER;
    Mailroom serial = new Mailroom(localIndex(), LOCALS);
    fill(serial, events, 42);
    serial.sort();
    Mailroom parallel = new Mailroom(localIndex(), LOCALS);
    fill(parallel, events, 42);
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      pool.submit(parallel::sort).get();
    } finally {
      pool.shutdown();
    }
    Map<Integer, List<String>> one = slices(serial);
    assertEquals(one, slices(parallel));
    assertEquals(serial.entitiesWithMail(), parallel.entitiesWithMail());
    for (int i = 0; i < serial.entitiesWithMail(); i++) {
      assertEquals(serial.entityWithMail(i), parallel.entityWithMail(i));
    }
  }

  @Test
  void everyLocalEventLandsOnceInItsReceiversSlice() throws Exception {
    int events = 2 * Mailroom.PARALLEL_SCATTER;
    Mailroom m = new Mailroom(localIndex(), LOCALS);
    List<Outbox> outboxes = fill(m, events, 7);
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      pool.submit(m::sort).get();
    } finally {
      pool.shutdown();
    }
    // Expected per receiver: the payloads sent to it (outboxes name global ids).
    Map<Integer, List<SimMessage>> expected = new HashMap<>();
    int[] idx = localIndex();
    int local = 0;
    for (Outbox out : outboxes) {
      for (int i = 0; i < out.size(); i++) {
        int e = idx[out.dst(i)];
        if (e >= 0) {
          expected.computeIfAbsent(e, k -> new ArrayList<>()).add(out.payload(i));
          local++;
        }
      }
    }
    Mailroom.Sorted mail = m.mail();
    int found = 0;
    int incoming = 0;
    for (int i = 0; i < m.entitiesWithMail(); i++) {
      int e = m.entityWithMail(i);
      List<SimMessage> want = expected.getOrDefault(e, List.of());
      int fromOutboxes = 0;
      for (int j = m.starts()[e]; j < m.starts()[e] + m.counts()[e]; j++) {
        assertNotNull(mail.payloads[j]);
        Token t = (Token) mail.payloads[j];
        if (t.label().equals("in")) {
          incoming++;
        } else {
          assertTrue(want.contains(t), "event " + t + " in the slice of " + e);
          fromOutboxes++;
        }
      }
      assertEquals(want.size(), fromOutboxes, "events for local entity " + e);
      found += fromOutboxes;
    }
    assertEquals(local, found);
    assertEquals(events / 10, incoming);
  }
}

package io.smpsim.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.sim.testing.DomainWorld;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The horizon rule: a node may run up to the earliest time anything pending anywhere in its
 * component could reach it, its own round trips through a peer included.
 */
class TimeAgreementTest {

  private static final long MAX = Long.MAX_VALUE;

  /** Three machines cabled in a ring at 1 µs, one per node. */
  private static RunLayout ring() {
    DomainWorld world = new DomainWorld(3, 2, 10, 1_000);
    return new RunLayout(world, Placement.plan(world, List.of("a", "b", "c")), 100);
  }

  @Test
  void aNodeWaitsForTheNearestPeerOrItsOwnRoundTrip() {
    TimeAgreement a = new TimeAgreement(ring(), 0, 3);
    a.own(0, new long[] {MAX, MAX, MAX});
    a.peer(1, 5_000, new long[] {MAX, MAX, MAX});
    a.peer(2, 7_000, new long[] {MAX, MAX, MAX});
    assertEquals(2_000, a.horizon(), "what it sends at 0 can be back at 0 + 1 µs + 1 µs");

    TimeAgreement idle = new TimeAgreement(ring(), 0, 3);
    idle.own(MAX, new long[] {MAX, MAX, MAX});
    idle.peer(1, 5_000, new long[] {MAX, MAX, MAX});
    idle.peer(2, 7_000, new long[] {MAX, MAX, MAX});
    assertEquals(6_000, idle.horizon(), "node 1's next event, one cable away");
  }

  @Test
  void eventsSentDuringTheEpochCountAtTheirReceiver() {
    TimeAgreement c = new TimeAgreement(ring(), 2, 3);
    c.own(MAX, new long[] {MAX, MAX, MAX});
    c.peer(0, MAX, new long[] {MAX, 3_000, MAX});
    c.peer(1, MAX, new long[] {MAX, MAX, MAX});
    assertEquals(4_000, c.horizon(), "node 0 sent node 1 an event at 3 µs; it may come on here");
    assertFalse(c.done(3_500));
    assertTrue(c.done(3_000), "nothing is left before 3 µs anywhere");
  }

  @Test
  void aNodeWithoutLinksRunsOnItsOwn() {
    DomainWorld world = new DomainWorld(2, 2, 10, 0);
    RunLayout layout = new RunLayout(world, Placement.plan(world, List.of("a", "b")), 100);
    TimeAgreement a = new TimeAgreement(layout, 0, 2);
    assertTrue(a.alone());
    a.own(0, new long[] {MAX, MAX});
    assertEquals(MAX, a.horizon());
  }
}

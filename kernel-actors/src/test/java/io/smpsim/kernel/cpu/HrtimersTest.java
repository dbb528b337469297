package io.smpsim.kernel.cpu;

import static io.smpsim.kernel.core.HrtimerFn.TICK;
import static io.smpsim.kernel.core.HrtimerFn.WATCHDOG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A CPU's hrtimer base: the tick and the watchdog timer re-arm on every expiry, so their entries
 * are reused; what the CPU sees (which timer fires when, in what order) must not depend on it.
 */
class HrtimersTest {

  @Test
  void timersFireEarliestFirstAndARearmMovesTheTimer() {
    Hrtimers h = new Hrtimers();
    h.start(TICK, 4_000_000);
    h.start(WATCHDOG, 2_000_000);
    assertEquals(2_000_000, h.next());
    assertEquals(4_000_000, h.nextExcept(WATCHDOG));
    // hrtimer_start() on an armed timer moves it: it is armed once, at its new expiry.
    h.start(WATCHDOG, 6_000_000);
    assertEquals(4_000_000, h.next());
    assertEquals(6_000_000, h.expiry(WATCHDOG));
    assertEquals(List.of(), h.expired(3_999_999));
    assertEquals(List.of(TICK), h.expired(5_000_000));
    assertFalse(h.isArmed(TICK));
    assertEquals(-1, h.expiry(TICK));
    assertEquals(List.of(WATCHDOG), h.expired(6_000_000));
    assertEquals(Long.MAX_VALUE, h.next());
  }

  @Test
  void timersDueAtTheSameTimeFireInTheOrderTheyWereArmed() {
    Hrtimers h = new Hrtimers();
    h.start(WATCHDOG, 1_000);
    h.start(TICK, 1_000);
    assertEquals(List.of(WATCHDOG, TICK), h.expired(1_000));
    // Re-armed from the spare entries, the other way round.
    h.start(TICK, 2_000);
    h.start(WATCHDOG, 2_000);
    assertEquals(List.of(TICK, WATCHDOG), h.expired(2_500));
  }

  @Test
  void aCancelledOrClearedTimerIsGoneAndCanBeArmedAgain() {
    Hrtimers h = new Hrtimers();
    h.start(TICK, 10);
    h.start(WATCHDOG, 20);
    h.cancel(TICK);
    h.cancel(TICK);
    assertFalse(h.isArmed(TICK));
    assertEquals(20, h.next());
    h.clear();
    assertEquals(Long.MAX_VALUE, h.next());
    assertEquals(Long.MAX_VALUE, h.nextExcept(TICK));
    h.start(WATCHDOG, 30);
    h.start(TICK, 40);
    assertTrue(h.isArmed(WATCHDOG));
    assertEquals(30, h.expiry(WATCHDOG));
    assertEquals(List.of(WATCHDOG, TICK), h.expired(40));
  }
}

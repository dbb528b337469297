package io.smpsim.kernel.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** nmi_watchdog_tick(): 5 * nmi_hz silent NMIs make a lockup; the quirk never gets there. */
class LegacyNmiWatchdogTest {

  private static int ticksUntilLockup(LegacyNmiWatchdog w, int hz, boolean quirk, int max) {
    w.tick(7, false, hz, quirk);
    for (int i = 1; i <= max; i++) {
      if (w.tick(7, false, hz, quirk) == LegacyNmiWatchdog.Verdict.LOCKUP) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void theAlertFiresOnTheFiveTimesNmiHzthSilentNmi() {
    assertEquals(5 * 250, ticksUntilLockup(new LegacyNmiWatchdog(), 250, false, 10_000));
    assertEquals(5, ticksUntilLockup(new LegacyNmiWatchdog(), 1, false, 100));
  }

  @Test
  void withTheAlertCounterResetQuirkItNeverFires() {
    assertEquals(-1, ticksUntilLockup(new LegacyNmiWatchdog(), 250, true, 100_000));
  }

  @Test
  void progressOrATouchStartsTheCountOver() {
    LegacyNmiWatchdog w = new LegacyNmiWatchdog();
    w.tick(1, false, 1, false);
    w.tick(1, false, 1, false);
    w.tick(1, false, 1, false);
    assertEquals(LegacyNmiWatchdog.Verdict.PROGRESS, w.tick(2, false, 1, false));
    assertEquals(0, w.alertCounter());
    w.tick(2, false, 1, false);
    w.touch();
    assertEquals(LegacyNmiWatchdog.Verdict.TOUCHED, w.tick(2, false, 1, false));
    assertEquals(0, w.alertCounter());
  }
}

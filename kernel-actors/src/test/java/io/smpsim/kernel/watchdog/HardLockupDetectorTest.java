package io.smpsim.kernel.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The perf NMI's check: hrtimer progress, the timestamp filter, touches, one report. */
class HardLockupDetectorTest {

  private static final long S = 1_000_000_000L;
  private static final long PERIOD = 4 * S;

  @Test
  void noHrtimerProgressBetweenTwoNmisIsALockupReportedOncePerEpisode() {
    HardLockupDetector d = new HardLockupDetector();
    d.initTimestamp(0);
    d.kick();
    assertEquals(HardLockupDetector.Verdict.OK, d.check(10 * S, PERIOD));
    assertEquals(HardLockupDetector.Verdict.LOCKUP, d.check(20 * S, PERIOD));
    d.warned();
    assertEquals(HardLockupDetector.Verdict.ALREADY_WARNED, d.check(30 * S, PERIOD));
    d.kick();
    assertEquals(HardLockupDetector.Verdict.OK, d.check(40 * S, PERIOD), "progress re-arms");
    assertEquals(HardLockupDetector.Verdict.LOCKUP, d.check(50 * S, PERIOD));
  }

  @Test
  void nmisCloserThanTwoSamplePeriodsAreIgnoredUntilTenInARow() {
    HardLockupDetector d = new HardLockupDetector();
    d.initTimestamp(0);
    for (int i = 1; i <= 9; i++) {
      assertEquals(HardLockupDetector.Verdict.IGNORED, d.check(i * S / 2, PERIOD));
    }
    assertEquals(HardLockupDetector.Verdict.LOCKUP, d.check(5 * S, PERIOD));
  }

  @Test
  void aTouchSkipsOneCheck() {
    HardLockupDetector d = new HardLockupDetector();
    d.initTimestamp(0);
    d.touch();
    assertEquals(HardLockupDetector.Verdict.TOUCHED, d.check(10 * S, PERIOD));
    assertEquals(HardLockupDetector.Verdict.LOCKUP, d.check(20 * S, PERIOD));
  }
}

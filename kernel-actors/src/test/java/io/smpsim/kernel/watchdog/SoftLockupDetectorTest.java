package io.smpsim.kernel.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The 6.6 soft-lockup check: 2^30 ns timestamps, a strict "after", periods that restart. */
class SoftLockupDetectorTest {

  private static final long S = 1_000_000_000L;

  @Test
  void aCpuStuckAfterItsLastTouchIsReportedAt22sThenEvery20s() {
    SoftLockupDetector d = new SoftLockupDetector();
    long enable = 522_000_000L;
    d.enable(enable);
    // The stopper runs at the first timer (4 s after enable), then never again.
    d.kickStopper();
    d.runStopper(enable + 4 * S);
    long first = 0;
    long second = 0;
    for (long t = enable + 8 * S; t < enable + 60 * S; t += 4 * S) {
      long stuck = d.check(t, true, 10);
      if (stuck > 0 && first == 0) {
        first = stuck;
      } else if (stuck > 0 && second == 0) {
        second = stuck;
      }
    }
    assertEquals(22, first);
    assertEquals(44, second, "reports repeat while the CPU stays stuck");
  }

  @Test
  void aTouchRestartsTheReportingPeriodWithoutReporting() {
    SoftLockupDetector d = new SoftLockupDetector();
    d.enable(0);
    d.touch();
    assertEquals(0, d.check(30 * S, true, 10));
    assertEquals(0, d.check(40 * S, true, 10), "the period restarted at the touch");
  }

  @Test
  void aDisabledDetectorOrAZeroThresholdNeverReports() {
    SoftLockupDetector d = new SoftLockupDetector();
    d.enable(0);
    assertEquals(0, d.check(100 * S, false, 10));
    assertEquals(0, d.check(200 * S, true, 0));
  }
}

package io.smpsim.kernel.sysctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.KernelVersion;
import org.junit.jupiter.api.Test;

/**
 * The load average's arithmetic and windows (kernel/sched/loadavg.c and
 * include/linux/sched/loadavg.h on 6.x, kernel/timer.c calc_load() on 2.6), at HZ=250:
 * LOAD_FREQ is 1251 ticks on 6.x (5 s and one tick), 1250 on 2.6.
 */
class LoadAvgTest {

  private static final KernelVersion V61 = KernelVersion.parse("6.1");
  private static final KernelVersion V2618 = KernelVersion.parse("2.6.18");

  @Test
  void oneTaskGivesTheFamiliarFirstStepsAndAMinuteIsOneMinusOneOverE() {
    LoadAvg l = new LoadAvg(V61, 250);
    l.change(0, 1);
    // The first window: 1 - 1884/2048 = 0.080, printed 0.08; 0.0046 and 0.0015 for 5 and 15.
    LoadAvg.Avenrun a = l.read(1251 + 10);
    assertEquals("0.08 0.02 0.01", text(a));
    // Twelve windows (a minute): 1 - exp(-1) = 0.632.
    a = l.read(1251 + 11 * 1251 + 10);
    assertEquals("0.63", LoadAvg.format(a.one()));
  }

  @Test
  void aRisingAverageIsRoundedUpSoOneTaskReachesExactlyOneWhere26StopsAt099() {
    LoadAvg modern = new LoadAvg(V61, 250);
    LoadAvg legacy = new LoadAvg(V2618, 250);
    modern.change(0, 1);
    legacy.change(0, 1);
    long hour = 3600L * 250;
    // calc_load() adds FIXED_1 - 1 while active >= load: the fixed point is FIXED_1 itself.
    assertEquals(LoadAvg.FIXED_1, modern.read(hour).one());
    assertEquals("1.00", LoadAvg.format(modern.read(hour).one()));
    // CALC_LOAD() truncates: (1884 * 2036 + 2048 * 164) >> 11 is 2036 again, and the climb
    // from 0 stops there, short of the half hundredth that would print 1.00.
    assertEquals(2036, legacy.read(hour).one());
    assertEquals("0.99", LoadAvg.format(legacy.read(hour).one()));
  }

  @Test
  void aWindowCountsTheTasksAtItsStartAndIsPublishedTenTicksLater() {
    LoadAvg l = new LoadAvg(V61, 250);
    l.change(100, 1);
    // A task that ends at the window's first tick was still counted by that window...
    l.change(1251, -1);
    // ...whose averages nobody sees before calc_global_load() publishes them.
    assertEquals("0.00 0.00 0.00", text(l.read(1251 + 9)));
    assertEquals("0.08 0.02 0.01", text(l.read(1251 + 10)));
    // The next window counts no task: the average decays (0.080 * 1884/2048 = 0.0736).
    assertEquals("0.07", LoadAvg.format(l.read(2 * 1251 + 10).one()));
  }

  @Test
  void aTaskStartedInsideAWindowsGraceIsNotCountedByIt() {
    LoadAvg l = new LoadAvg(V61, 250);
    l.change(1251 + 3, 2);
    assertEquals("0.00 0.00 0.00", text(l.read(1251 + 10)));
    assertEquals("0.16", LoadAvg.format(l.read(2 * 1251 + 10).one()));
  }

  @Test
  void twoSixSamplesEveryFiveSecondsFromTheTickAfterTheFirstAndPublishesAtOnce() {
    LoadAvg l = new LoadAvg(V2618, 250);
    l.change(0, 1);
    assertEquals("0.00", LoadAvg.format(l.read(1250).one()));
    // (0 * 1884 + 2048 * 164) >> 11 = 164: 0.08, from the tick it is sampled on.
    assertEquals(164, l.read(1251).one());
    l.change(1252, -1);
    assertEquals(164, l.read(1251 + 1249).one());
    assertEquals((164 * 1884) >> 11, l.read(1251 + 1250).one());
  }

  @Test
  void hundredthsRoundAtHalfAHundredth() {
    // 2037 / 2048 = 0.9946: with FIXED_1/200 added, 0.99; 2038 / 2048 = 0.9951: 1.00.
    assertEquals("0.99", LoadAvg.format(2037));
    assertEquals("1.00", LoadAvg.format(2038));
    assertEquals("0.00", LoadAvg.format(0));
    assertEquals("12.00", LoadAvg.format(12 * LoadAvg.FIXED_1));
  }

  private static String text(LoadAvg.Avenrun a) {
    return LoadAvg.format(a.one()) + " " + LoadAvg.format(a.five()) + " "
        + LoadAvg.format(a.fifteen());
  }
}

package io.smpsim.kernel.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** calibrate_delay_direct() as init/calibrate.c decides it. */
class CalibrateDelayTest {

  @Test
  void measurementsWithinAnEighthGiveTheirMeanSilently() {
    CalibrateDelay.Result r = CalibrateDelay.direct(new long[] {1000, 1010, 990, 1005, 995});
    assertEquals(1000, r.lpj());
    assertEquals(List.of(), r.lines());
  }

  @Test
  void theMeasurementFarthestFromTheMeanIsDroppedUntilTheRestAgree() {
    // Mean 1400: the max (3000) is 1600 away, the min (1000) 400; then 1000..1010 agree.
    CalibrateDelay.Result r = CalibrateDelay.direct(new long[] {1000, 1010, 3000, 1000, 1000});
    assertEquals(List.of("calibrate_delay_direct() dropping max bogoMips estimate 2 = 3000"),
        r.lines());
    assertEquals(1002, r.lpj());
    CalibrateDelay.Result low = CalibrateDelay.direct(new long[] {200, 1000, 1000, 1010, 1000});
    assertEquals(List.of("calibrate_delay_direct() dropping min bogoMips estimate 0 = 200"),
        low.lines());
  }

  @Test
  void whenNoTwoAgreeItGivesUpAndSaysHow() {
    CalibrateDelay.Result r = CalibrateDelay.direct(new long[] {100, 200, 400, 800, 1600});
    assertEquals(0, r.lpj());
    assertEquals(List.of(
        "calibrate_delay_direct() dropping max bogoMips estimate 4 = 1600",
        "calibrate_delay_direct() dropping max bogoMips estimate 3 = 800",
        "calibrate_delay_direct() dropping max bogoMips estimate 2 = 400",
        "calibrate_delay_direct() dropping max bogoMips estimate 1 = 200",
        "calibrate_delay_direct() failed to get a good estimate for loops_per_jiffy.",
        "Probably due to long platform interrupts. Consider using \"lpj=\" boot option."),
        r.lines());
  }

  @Test
  void badSamplesDoNotCount() {
    CalibrateDelay.Result r = CalibrateDelay.direct(new long[] {0, 1000, 0, 0, 0});
    assertEquals(0, r.lpj());
    assertEquals(2, r.lines().size());
  }
}

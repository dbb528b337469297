package io.smpsim.load.bench;

import io.smpsim.app.scenario.ScenarioException;

/**
 * Range checks of the bench commands' options, made before anything runs: a bad value is the
 * user's input (one line, exit 2), never an internal error or a run of zero rounds.
 */
final class BenchOptions {

  private BenchOptions() {}

  /** {@code value} of {@code option} must be {@code min} or more. */
  static void atLeast(String option, long value, long min) {
    if (value < min) {
      throw new ScenarioException(option + " must be at least " + min + ", got " + value);
    }
  }

  /** {@code value} of {@code option} must be {@code max} or less; {@code why} says why. */
  static void atMost(String option, long value, long max, String why) {
    if (value > max) {
      throw new ScenarioException(option + " must be at most " + max + " (" + why + "), got "
          + value);
    }
  }

  /** {@code value} of {@code option} must lie in {@code [lo, hi]}. */
  static void between(String option, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw new ScenarioException(option + " must be between " + plain(lo) + " and "
          + plain(hi) + ", got " + plain(value));
    }
  }

  private static String plain(double v) {
    return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v)
        : Double.toString(v);
  }
}

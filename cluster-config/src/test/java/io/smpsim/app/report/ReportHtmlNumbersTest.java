package io.smpsim.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The report's numbers are printed without {@code String.format} (too slow for a large world's
 * report): they must read exactly as {@code %.1f} and {@code %.6f} print them, ties included.
 */
class ReportHtmlNumbersTest {

  @Test
  void fixedPointNumbersReadAsTheFormatterPrintsThem() {
    SplittableRandom r = new SplittableRandom(42);
    double[] edge = {0, -0.0, 0.05, 0.15, 0.25, 0.35, 1.45, 2.5, 1e-7, 0.0000005, 123456.75,
        1e20, 4.35, 999.95, -1.25, Double.NaN, Double.POSITIVE_INFINITY, 1234567.8901234567};
    for (double v : edge) {
      check(v);
    }
    for (int i = 0; i < 100_000; i++) {
      // Times in seconds (ns / 1e9) and rates, as the report has them.
      check(r.nextLong(0, 600_000_000_000L) / 1e9);
      check(r.nextDouble() * 1000);
      check(Math.round(r.nextDouble() * 100_000) / 100.0);
    }
  }

  private static void check(double v) {
    assertEquals(String.format(Locale.ROOT, "%.1f", v), ReportHtml.fixed(v, 1), "" + v);
    assertEquals(String.format(Locale.ROOT, "%.6f", v), ReportHtml.fixed(v, 6), "" + v);
  }
}

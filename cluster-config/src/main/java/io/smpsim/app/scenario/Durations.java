package io.smpsim.app.scenario;

/** Durations in ns written back as a user writes them ({@code 2s}, {@code 1500ms}, {@code 100ns}). */
public final class Durations {

  private static final long[] NS = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L,
      1_000_000L, 1_000L, 1L};
  private static final String[] UNIT = {"h", "m", "s", "ms", "us", "ns"};

  private Durations() {}

  /** {@code ns} in the largest unit that divides it. */
  public static String format(long ns) {
    for (int i = 0; i < NS.length; i++) {
      if (ns != 0 && ns % NS[i] == 0) {
        return ns / NS[i] + UNIT[i];
      }
    }
    return ns + "ns";
  }
}

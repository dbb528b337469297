package io.smpsim.kernel.core;

/** Durations in injected faults: a number and a unit (ns, us, ms, s, m, h), e.g. {@code 30s}. */
public final class Duration {

  private Duration() {}

  /** The duration in ns, or -1 when {@code text} is not one. */
  public static long parse(String text) {
    int i = 0;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      i++;
    }
    if (i == 0 || i > 15) {
      return -1;
    }
    long n = Long.parseLong(text.substring(0, i));
    long unit = switch (text.substring(i)) {
      case "ns" -> 1L;
      case "us" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> -1L;
    };
    return unit < 0 || n > Long.MAX_VALUE / unit ? -1 : n * unit;
  }
}

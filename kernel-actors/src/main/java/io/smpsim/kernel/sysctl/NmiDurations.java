package io.smpsim.kernel.sysctl;

import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The machine-wide half of {@code nmi_check_duration()} (arch/x86/kernel/nmi.c): every NMI
 * handler's {@code nmiaction->max_duration}, one per registered handler and shared by all CPUs,
 * and the {@code printk_ratelimited()} state of its one call site. A handler that ran at least
 * {@code nmi_longest_ns} (1 ms) and at least as long as its longest run so far sets a new
 * longest run and is reported, at most {@link #BURST} times per {@link #INTERVAL_NS}
 * (DEFAULT_RATELIMIT_INTERVAL and DEFAULT_RATELIMIT_BURST, include/linux/ratelimit_types.h).
 */
public final class NmiDurations {

  /** nmi_longest_ns: the shortest run reported. */
  static final long LONGEST_NS = 1_000_000L;

  /** DEFAULT_RATELIMIT_INTERVAL (5 * HZ) and DEFAULT_RATELIMIT_BURST. */
  static final long INTERVAL_NS = 5_000_000_000L;
  static final int BURST = 10;

  /** What the CPU whose handler ran too long prints. */
  public record TooLong(List<String> lines) implements SimMessage {}

  /** max_duration by handler name ("%ps" of action->handler). */
  private final TreeMap<String, Long> maxDuration = new TreeMap<>();
  /** The ratelimit window: its start (-1: none yet), messages let through and held back. */
  private long begin = -1;
  private int printed;
  private int missed;

  /**
   * A run of {@code handler} that took {@code ns}, at {@code now}: the lines to print, or an
   * empty list.
   */
  List<String> check(String handler, long ns, long now) {
    if (ns < LONGEST_NS || ns < maxDuration.getOrDefault(handler, 0L)) {
      return List.of();
    }
    maxDuration.put(handler, ns);
    List<String> lines = new ArrayList<>();
    // ___ratelimit() (lib/ratelimit.c): a new window reports what the last one held back.
    if (begin < 0 || now - begin >= INTERVAL_NS) {
      if (missed > 0) {
        lines.add("nmi_check_duration: " + missed + " callbacks suppressed");
      }
      begin = now;
      printed = 0;
      missed = 0;
    }
    if (printed >= BURST) {
      missed++;
      return lines;
    }
    printed++;
    lines.add(String.format("INFO: NMI handler (%s) took too long to run: %d.%03d msecs",
        handler, ns / 1_000_000, ns % 1_000_000 / 1_000));
    return lines;
  }
}

package io.smpsim.kernel.sysctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nmi_check_duration() (arch/x86/kernel/nmi.c): a handler is reported once it ran at least
 * nmi_longest_ns (1 ms) and at least as long as its longest run so far, through
 * printk_ratelimited() (10 messages per 5 s, then "callbacks suppressed").
 */
class NmiDurationsTest {

  private static final String BT = "nmi_cpu_backtrace_handler";

  @Test
  void onlyRunsOfAtLeastOneMillisecondThatSetANewLongestAreReported() {
    NmiDurations d = new NmiDurations();
    assertEquals(List.of(), d.check(BT, 999_999, 0), "under nmi_longest_ns");
    assertEquals(List.of("INFO: NMI handler (nmi_cpu_backtrace_handler) took too long to run:"
        + " 3.027 msecs"), d.check(BT, 3_027_456, 0));
    assertEquals(List.of(), d.check(BT, 2_000_000, 0), "shorter than the longest so far");
    assertEquals(List.of("INFO: NMI handler (nmi_cpu_backtrace_handler) took too long to run:"
        + " 3.027 msecs"), d.check(BT, 3_027_456, 0), "as long as the longest: reported again");
    assertEquals(1, d.check("perf_event_nmi_handler", 1_500_000, 0).size(),
        "each handler has its own max_duration");
  }

  @Test
  void theReportsAreRateLimitedAndTheNextWindowSaysHowManyWereHeldBack() {
    NmiDurations d = new NmiDurations();
    long ns = 1_000_000;
    for (int i = 0; i < 10; i++) {
      assertEquals(1, d.check(BT, ns += 1_000, i).size());
    }
    assertEquals(List.of(), d.check(BT, ns += 1_000, 10), "the 11th in 5 s is held back");
    assertEquals(List.of(), d.check(BT, ns += 1_000, 11));
    List<String> next = d.check(BT, ns += 1_000, NmiDurations.INTERVAL_NS);
    assertEquals("nmi_check_duration: 2 callbacks suppressed", next.get(0));
    assertEquals(2, next.size());
  }
}

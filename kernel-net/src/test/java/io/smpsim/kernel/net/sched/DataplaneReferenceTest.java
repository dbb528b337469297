package io.smpsim.kernel.net.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The figures of oracle/tc/dataplane (recorded on a real kernel: 1042-byte packets offered at
 * 20 Mbit/s for 3 s through a veth) reproduced by the model within 1%.
 */
class DataplaneReferenceTest {

  private static final long OFFERED = 20_000_000L;
  private static final long THREE_S = 3_000_000_000L;

  private static double mbit(long bytes) {
    return bytes * 8.0 / 3.0 / 1e6;
  }

  private static long stat(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), () -> "no " + regex + " in\n" + text);
    return Long.parseLong(m.group(1));
  }

  private static void assertWithin1Pct(double want, double got, String what) {
    assertTrue(Math.abs(got - want) <= want * 0.01, what + ": want " + want + " got " + got);
  }

  @Test
  void tbfAt10mbitPassesTenMegabitAndDropsWhatItsLatencyQueueCannotHold() {
    PacedSender s = new PacedSender(
        "tc qdisc add dev vA root handle 1: tbf rate 10mbit burst 32kbit latency 50ms");
    long bytes = s.run(OFFERED, THREE_S, 1_000_000_000L);
    assertEquals(7197, s.sent);
    assertWithin1Pct(10.01, mbit(bytes), "tbf wire Mbit/s");
    String inv = s.exec("tc qdisc show dev vA invisible").stdout();
    assertTrue(inv.contains("qdisc bfifo 0: parent 1:1 limit 66596b"), inv);
    String st = s.exec("tc -s qdisc show dev vA").stdout();
    assertWithin1Pct(3532, stat(st, "dropped (\\d+)"), "tbf drops");
    assertWithin1Pct(3665, stat(st, "Sent \\d+ bytes (\\d+) pkt"), "tbf packets sent");
    assertTrue(stat(st, "overlimits (\\d+)") > 0);
  }

  @Test
  void htbClassUnderRootNeverExceedsItsRateEvenWithAHigherCeil() {
    PacedSender s = new PacedSender("tc qdisc add dev vA root handle 1: htb default 10",
        "tc class add dev vA parent 1: classid 1:10 htb rate 5mbit ceil 10mbit");
    long bytes = s.run(OFFERED, THREE_S, 0);
    assertWithin1Pct(5.01, mbit(bytes), "htb root-class wire Mbit/s");
    assertTrue(mbit(bytes) < 5.0 * 1.01, "never above rate");
    String cls = s.exec("tc -s class show dev vA").stdout();
    long sentPkts = stat(cls, "Sent \\d+ bytes (\\d+) pkt");
    assertEquals(sentPkts, stat(cls, "lended: (\\d+)"), "every packet at its own rate");
    assertEquals(0, stat(cls, "borrowed: (\\d+)"));
  }

  @Test
  void htbClassUnderA10mbitParentReachesCeilByBorrowing() {
    PacedSender s = new PacedSender("tc qdisc add dev vA root handle 1: htb default 10",
        "tc class add dev vA parent 1: classid 1:1 htb rate 10mbit ceil 10mbit",
        "tc class add dev vA parent 1:1 classid 1:10 htb rate 5mbit ceil 10mbit");
    long bytes = s.run(OFFERED, THREE_S, 0);
    assertWithin1Pct(10.01, mbit(bytes), "htb borrowing wire Mbit/s");
    String cls = s.exec("tc -s class show dev vA classid 1:10").stdout();
    long lended = stat(cls, "lended: (\\d+)");
    long borrowed = stat(cls, "borrowed: (\\d+)");
    // The recording ran until its backlog drained (3693 packets); the shares are what compare.
    assertWithin1Pct(1847.0 / 3693, lended / (double) (lended + borrowed),
        "share sent at the class's own 5mbit");
    assertWithin1Pct(1846.0 / 3693, borrowed / (double) (lended + borrowed),
        "share borrowed from 1:1");
  }

  @Test
  void noqueueDeliversEverythingOffered() {
    PacedSender s = new PacedSender();
    long bytes = s.run(OFFERED, THREE_S, 0);
    assertEquals(7197, s.driver.delivered());
    assertWithin1Pct(20.0, mbit(bytes), "noqueue wire Mbit/s");
  }
}

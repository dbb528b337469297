package io.smpsim.app.run;

import static io.smpsim.app.run.ScenarioRun.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The data-plane reference of the tc oracle (dataplane/results.json, recorded on Linux 6.18:
 * 1000-byte UDP datagrams offered at 20 Mbit/s for 3 s out of a veth) reproduced by the
 * scenarios in scenarios/dataplane: the achieved rate within 1% of the recorded one, and the
 * same side dropping the excess (tbf's queue, or for htb the sender's socket buffer).
 */
class DataplaneReferenceScenariosTest {

  @RegisterExtension
  static final SharedCluster CLUSTER = new SharedCluster(Duration.ofMinutes(2));

  private static JsonNode reference;

  @BeforeAll
  static void readReference() throws IOException {
    try (InputStream in = DataplaneReferenceScenariosTest.class.getClassLoader()
        .getResourceAsStream("oracle/tc/dataplane/results.json")) {
      reference = new ObjectMapper().readTree(in);
    }
  }

  /** The mean of a field over the recorded repeats of a scenario. */
  private static double recorded(String scenario, String... path) {
    double sum = 0;
    int n = 0;
    for (JsonNode run : reference.get("runs")) {
      if (run.get("scenario").asText().equals(scenario)) {
        JsonNode v = run;
        for (String p : path) {
          v = p.matches("\\d+") ? v.path(Integer.parseInt(p)) : v.path(p);
        }
        sum += v.asDouble();
        n++;
      }
    }
    assertTrue(n > 0, "no recorded run " + scenario);
    return sum / n;
  }

  /** Wire Mbit/s at the receiver, as the recording computes it: bytes over the arrival span. */
  private static double achievedMbit(String rx) {
    long bytes = number(rx, "rx \\d+ pkts (\\d+) bytes");
    double first = Double.parseDouble(rx.replaceAll("(?s).*first ([0-9.]+).*", "$1"));
    double last = Double.parseDouble(rx.replaceAll("(?s).*last ([0-9.]+).*", "$1"));
    return bytes * 8 / (last - first) / 1e6;
  }

  private static void assertWithin1Pct(double want, double got, String what) {
    assertTrue(Math.abs(got - want) <= want * 0.01, what + ": recorded " + want + ", got " + got);
  }

  /**
   * Runs scenarios/dataplane/{@code name}: every timeline command succeeds and its transcript is
   * the golden one.
   */
  private static ScenarioRun run(String name) {
    ScenarioRun r = CLUSTER.run("scenarios/dataplane/" + name);
    assertEquals(java.util.List.of(), r.failures());
    r.assertGolden("scenarios/dataplane/" + name);
    return r;
  }

  @Test
  void tbfPassesTenMegabitAndItsQueueDropsTheRest() {
    ScenarioRun r = run("tbf.conf");
    String show = r.stdout("m0", "traffic show");
    assertWithin1Pct(recorded("tbf_10mbit", "achieved_wire_mbit"), achievedMbit(show),
        "tbf wire Mbit/s");
    String qdisc = r.stdout("m0", "tc -s qdisc show dev vA");
    assertWithin1Pct(recorded("tbf_10mbit", "qdisc_stats", "0", "dropped"),
        number(qdisc, "dropped (\\d+)"), "tbf drops");
    assertEquals(0, number(show, "eagain (\\d+)"), "the sender is never refused");
  }

  @Test
  void htbClassUnderTheRootKeepsToItsRateAndTheSocketRefusesTheRest() {
    ScenarioRun r = run("htb-root.conf");
    String show = r.stdout("m0", "traffic show");
    assertWithin1Pct(recorded("htb_root_class_5_10", "achieved_wire_mbit"), achievedMbit(show),
        "htb root-class wire Mbit/s");
    String qdisc = r.stdout("m0", "tc -s qdisc show dev vA");
    assertEquals(0, number(qdisc, "dropped (\\d+)"), "htb's 1000-packet leaf never overflows");
    assertWithin1Pct(recorded("htb_root_class_5_10", "sender", "send_errors", "EAGAIN"),
        number(show, "eagain (\\d+)"), "sends refused with EAGAIN");
    String cls = r.stdout("m0", "tc -s class show dev vA");
    assertEquals(number(cls, "Sent \\d+ bytes (\\d+) pkt"), number(cls, "lended: (\\d+)"),
        "every packet at the class's own rate");
    assertEquals(0, number(cls, "borrowed: (\\d+)"));
  }

  @Test
  void htbClassUnderATenMegabitParentBorrowsUpToItsCeil() {
    ScenarioRun r = run("htb-parent.conf");
    String show = r.stdout("m0", "traffic show");
    assertWithin1Pct(recorded("htb_child_of_10mbit_parent_5_10", "achieved_wire_mbit"),
        achievedMbit(show), "htb borrowing wire Mbit/s");
    assertEquals(0, number(r.stdout("m0", "tc -s qdisc show dev vA"), "dropped (\\d+)"));
    assertWithin1Pct(recorded("htb_child_of_10mbit_parent_5_10", "sender", "send_errors",
        "EAGAIN"), number(show, "eagain (\\d+)"), "sends refused with EAGAIN");
    String cls = r.stdout("m0", "tc -s class show dev vA");
    long lended = number(cls, "1:10 parent(?s).*?lended: (\\d+)");
    long borrowed = number(cls, "1:10 parent(?s).*?borrowed: (\\d+)");
    assertWithin1Pct(0.5, lended / (double) (lended + borrowed), "share at the class's rate");
  }

  @Test
  void withoutAQdiscEverythingOfferedArrives() {
    ScenarioRun r = run("noqueue.conf");
    String show = r.stdout("m0", "traffic show");
    assertWithin1Pct(recorded("unshaped_noqueue", "achieved_wire_mbit"), achievedMbit(show),
        "noqueue wire Mbit/s");
    assertEquals(number(show, "sent (\\d+) pkts"), number(show, "rx (\\d+) pkts"));
  }
}

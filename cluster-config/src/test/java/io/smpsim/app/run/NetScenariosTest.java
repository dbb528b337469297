package io.smpsim.app.run;

import static io.smpsim.app.run.ScenarioRun.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped networking scenarios, each run to its end as {@code smpsim run} runs it, with the
 * figures their timelines print. The simulation is deterministic, so the figures are exact: a
 * changed number is a changed behaviour.
 */
class NetScenariosTest {

  @RegisterExtension
  static final SharedCluster CLUSTER = new SharedCluster(Duration.ofMinutes(2));

  /** Runs {@code file}: every timeline command succeeds and its transcript is the golden one. */
  private static ScenarioRun run(String file) {
    ScenarioRun r = CLUSTER.run(file);
    assertEquals(List.of(), r.failures(), "every timeline command succeeds");
    r.assertGolden(file);
    return r;
  }

  /** Mbit/s of {@code bytes} over {@code seconds}. */
  private static double mbit(long bytes, double seconds) {
    return bytes * 8 / seconds / 1e6;
  }

  /** The figures of one class in {@code tc -s class show} output. */
  private static long classFigure(String cls, String classid, String figure) {
    return number(cls, "class htb " + classid + " (?s).*?" + figure);
  }

  @Test
  void tbfShapesTenSecondsOfTrafficToItsRateAndDropsTheExcess() {
    ScenarioRun r = run("scenarios/tbf.conf");
    String qdisc = r.stdout("m0", "tc -s qdisc show dev eth0");
    double achieved = mbit(number(qdisc, "Sent (\\d+) bytes"), 10);
    assertTrue(Math.abs(achieved - 10) <= 0.1, "within 1% of 10 Mbit/s: " + achieved);
    String tx = r.stdout("m0", "traffic show dev eth0");
    long sent = number(tx, "sent (\\d+) pkts");
    assertEquals(0, number(tx, "eagain (\\d+)"), "a UDP sender is not told of qdisc drops");
    long passed = number(qdisc, "bytes (\\d+) pkt");
    long dropped = number(qdisc, "dropped (\\d+)");
    long queued = number(qdisc, "backlog \\d+b (\\d+)p");
    assertEquals(sent, passed + dropped + queued, "every packet offered is sent, dropped or queued");
    assertTrue(dropped > sent / 3, "offered twice the rate: the qdisc drops about half");
    String rx = r.stdout("m1", "traffic show dev eth0");
    assertEquals(passed + queued, number(rx, "rx (\\d+) pkts"),
        "m1 received what tbf sent, and its backlog once drained");
  }

  @Test
  void htbClassesGetTheirRatesAndBorrowUpToTheirCeil() {
    ScenarioRun r = run("scenarios/htb.conf");
    String cls = r.stdout("m0", "tc -s class show dev eth0");
    double seconds = 5;
    assertTrue(mbit(classFigure(cls, "1:1", "Sent (\\d+) bytes"), seconds) <= 10.01,
        "the parent never above its rate");
    assertTrue(mbit(classFigure(cls, "1:10", "Sent (\\d+) bytes"), seconds) <= 4.01,
        "1:10 never above its ceil");
    for (String c : List.of("1:10", "1:20", "1:30")) {
      assertTrue(classFigure(cls, c, "borrowed: (\\d+)") > 0, c + " borrows from 1:1");
      assertTrue(classFigure(cls, c, "lended: (\\d+)") > 0, c + " sends at its own rate too");
    }
    assertEquals(0, classFigure(cls, "1:1", "borrowed: (\\d+)"), "the root has no one to borrow from");
    String tx = r.stdout("m0", "traffic show dev eth0");
    assertEquals(0, number(tx, "rate 3Mbit size 1000: sent \\d+ pkts \\d+ bytes, eagain (\\d+)"),
        "the 3 Mbit/s flow stays under 1:20's 10 Mbit/s ceil: its socket is never full");
    assertTrue(classFigure(cls, "1:30", "Sent \\d+ bytes (\\d+) pkt") > 0,
        "unclassified traffic goes to the default class 1:30");
  }

  @Test
  void netemDelaysByTwentyMillisecondsWithJitterAndLosesOnePercent() {
    ScenarioRun r = run("scenarios/netem.conf");
    String qdisc = r.stdout("m0", "tc -s qdisc show dev eth0");
    long sent = number(qdisc, "bytes (\\d+) pkt");
    long lost = number(qdisc, "dropped (\\d+)");
    double loss = lost / (double) (sent + lost);
    assertTrue(loss > 0.005 && loss < 0.015, "about 1% lost: " + loss);
    String rx = r.stdout("m1", "traffic show dev eth0");
    assertEquals(sent, number(rx, "rx (\\d+) pkts"));
    // One-way delay: netem's 20 ms +- 5 ms, plus 50 us of cable and 1 us of serialization.
    double min = Double.parseDouble(rx.replaceAll("(?s).*delay min ([0-9.]+)ms.*", "$1"));
    double avg = Double.parseDouble(rx.replaceAll("(?s).*avg ([0-9.]+)ms.*", "$1"));
    double max = Double.parseDouble(rx.replaceAll("(?s).*max ([0-9.]+)ms.*", "$1"));
    assertTrue(min >= 15.0 && max <= 25.1 && Math.abs(avg - 20.05) < 0.5,
        "delay min/avg/max " + min + "/" + avg + "/" + max);
  }

  @Test
  void mqGivesEachTxQueueItsOwnChild() {
    ScenarioRun r = run("scenarios/mq.conf");
    String qdisc = r.stdout("m0", "tc -s qdisc show dev eth0");
    long total = number(qdisc, "qdisc mq 1: root \\n Sent \\d+ bytes (\\d+) pkt");
    long sum = 0;
    for (String child : List.of("tbf 10: parent 1:1", "pfifo 20: parent 1:2",
        "fq_codel 30: parent 1:3", "sfq 40: parent 1:4")) {
      long sent = number(qdisc, "qdisc " + child + "(?s).*?Sent \\d+ bytes (\\d+) pkt");
      assertTrue(sent > 0, child + " carries its queue's traffic");
      sum += sent;
    }
    assertEquals(total, sum, "mq sums its children");
    assertEquals(number(qdisc, "qdisc mq 1: root(?s).*?dropped (\\d+)"),
        number(qdisc, "qdisc tbf 10:(?s).*?dropped (\\d+)"), "only the 1 Mbit/s tbf drops");
    assertEquals(total, number(r.stdout("m1", "traffic show dev eth0"), "rx (\\d+) pkts"));
  }

  @Test
  void ingressFilterDropsOneFlowOfFourOnReceive() {
    ScenarioRun r = run("scenarios/ingress.conf");
    String ingress = r.stdout("m1", "tc -s qdisc show dev eth0 ingress");
    long seen = number(ingress, "bytes (\\d+) pkt");
    long dropped = number(ingress, "dropped (\\d+)");
    assertEquals(seen, number(r.stdout("m0", "traffic show dev eth0"), "sent (\\d+) pkts"),
        "the ingress hook sees every packet m0 sent");
    assertTrue(Math.abs(dropped - seen / 4.0) <= 1, "one flow of four dropped: " + dropped);
    assertEquals(seen - dropped, number(r.stdout("m1", "traffic show dev eth0"),
        "rx (\\d+) pkts"), "the rest is delivered");
  }

  @Test
  void tenThousandHtbClassesSetUpAndCarryASecondOfTraffic() {
    ScenarioRun r = run("scenarios/htb-10k-classes.conf");
    assertEquals(10_000 + 2 + 100 + 6, r.commands().size());
    String qdisc = r.stdout("m0", "tc -s qdisc show dev eth0");
    assertEquals(0, number(qdisc, "dropped (\\d+)"));
    for (String id : List.of("1", "64")) {
      String cls = r.stdout("m0", "tc -s class show dev eth0 classid 1:" + id);
      assertEquals(120, number(cls, "Sent \\d+ bytes (\\d+) pkt"), "class 1:" + id);
    }
    assertTrue(r.stdout("m0", "tc -s class show dev eth0 classid 1:2710")
        .startsWith("class htb 1:2710 parent 1:ffff prio 0 rate 100Kbit ceil 1Gbit burst 1600b"
            + " cburst 1375b \n Sent 0 bytes 0 pkt "));
    assertEquals(number(qdisc, "bytes (\\d+) pkt"),
        number(r.stdout("m1", "traffic show dev eth0"), "rx (\\d+) pkts"));
  }
}

package io.smpsim.app.run;

import static io.smpsim.app.run.ScenarioRun.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.sim.engine.EmbeddedCluster;
import io.smpsim.sim.engine.RunClient;
import io.smpsim.sim.testing.SerializationErrors;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped networking scenarios, each run to its end as {@code smpsim run} runs it, with the
 * figures their timelines print. The simulation is deterministic, so the figures are exact: a
 * changed number is a changed behaviour.
 */
class NetScenariosTest {

  private static final ScenarioLoader LOADER = new ScenarioLoader();
  private static EmbeddedCluster cluster;
  private static RunClient client;

  @BeforeAll
  static void start() {
    cluster = EmbeddedCluster.start(1, ConfigFactory.empty(), Simulation.factories(LOADER),
        Duration.ofMinutes(2));
    client = cluster.client(Duration.ofMinutes(2));
  }

  @AfterAll
  static void stop() {
    cluster.close();
    SerializationErrors.assertNone();
  }

  private static ScenarioRun run(String file) {
    ScenarioRun r = ScenarioRun.of(cluster, client, LOADER, file);
    assertEquals(List.of(), r.failures(), "every timeline command succeeds");
    return r;
  }

  /** Mbit/s of {@code bytes} over {@code seconds}. */
  private static double mbit(long bytes, double seconds) {
    return bytes * 8 / seconds / 1e6;
  }

  @Test
  void tbfShapesTenSecondsOfTrafficToItsRateAndDropsTheExcess() {
    ScenarioRun r = run("scenarios/tbf.conf");
    String qdisc = r.stdout("m0", "tc -s qdisc show dev eth0");
    assertEquals("qdisc tbf 1: root refcnt 2 rate 10Mbit burst 4Kb lat 50ms \n"
        + " Sent 12502958 bytes 11999 pkt (dropped 11931, overlimits 35979 requeues 0) \n"
        + " backlog 65646b 63p requeues 0\n", qdisc);
    double achieved = mbit(number(qdisc, "Sent (\\d+) bytes"), 10);
    assertTrue(Math.abs(achieved - 10) <= 0.1, "within 1% of 10 Mbit/s: " + achieved);
    assertEquals("eth0 tx udp flows 1 rate 20Mbit size 1000: sent 23993 pkts 25000706 bytes,"
        + " eagain 0, failed 0, stopped\n", r.stdout("m0", "traffic show dev eth0"));
    assertEquals("eth0 rx 12062 pkts 12568604 bytes, first 2.000108 last 12.051715, delay min"
        + " 0.018ms avg 51.878ms max 52.176ms\n", r.stdout("m1", "traffic show dev eth0"));
  }

  @Test
  void htbClassesGetTheirRatesAndBorrowUpToTheirCeil() {
    ScenarioRun r = run("scenarios/htb.conf");
    String cls = r.stdout("m0", "tc -s class show dev eth0");
    assertTrue(cls.contains("class htb 1:1 root rate 10Mbit ceil 10Mbit burst 1600b cburst"
        + " 1600b \n Sent 6252000 bytes 6000 pkt (dropped 0, overlimits 2996 requeues 0) \n"
        + " backlog 0b 0p requeues 0\n lended: 2995 borrowed: 0 giants: 0\n"), cls);
    assertTrue(cls.contains("class htb 1:10 parent 1:1 prio 0 rate 2Mbit ceil 4Mbit burst 1600b"
        + " cburst 1600b \n Sent 2377844 bytes 2282 pkt (dropped 0, overlimits 1955 requeues 0)"
        + " \n backlog 96906b 93p requeues 0\n lended: 1202 borrowed: 1080 giants: 0\n"), cls);
    assertTrue(cls.contains("class htb 1:20 parent 1:1 prio 0 rate 2Mbit ceil 10Mbit burst 1600b"
        + " cburst 1600b \n Sent 1874558 bytes 1799 pkt (dropped 0, overlimits 10 requeues 0) \n"
        + " backlog 1042b 1p requeues 0\n lended: 1201 borrowed: 598 giants: 0\n"), cls);
    assertTrue(cls.contains("class htb 1:30 parent 1:1 prio 0 rate 1Mbit ceil 10Mbit burst 1600b"
        + " cburst 1600b \n Sent 1999598 bytes 1919 pkt (dropped 0, overlimits 79 requeues 0) \n"
        + " backlog 96906b 93p requeues 0\n lended: 602 borrowed: 1317 giants: 0\n"), cls);
    assertTrue(mbit(2377844, 5) < 4.0, "1:10 never above its ceil");
    assertTrue(mbit(6252000, 5) < 10.01, "the parent never above its rate");
    assertEquals("eth0 tx udp flows 1 rate 8Mbit size 1000: sent 2375 pkts 2474750 bytes,"
        + " eagain 2424, failed 0, stopped\n"
        + "eth0 tx udp flows 1 rate 3Mbit size 1000: sent 1800 pkts 1875600 bytes, eagain 0,"
        + " failed 0, stopped\n"
        + "eth0 tx udp flows 1 rate 8Mbit size 1000: sent 2012 pkts 2096504 bytes, eagain 2786,"
        + " failed 0, stopped\n", r.stdout("m0", "traffic show dev eth0"));
  }

  @Test
  void netemDelaysByTwentyMillisecondsWithJitterAndLosesOnePercent() {
    ScenarioRun r = run("scenarios/netem.conf");
    String qdisc = r.stdout("m0", "tc -s qdisc show dev eth0");
    assertEquals("qdisc netem 1: root refcnt 2 limit 1000 delay 20ms  5ms loss 1%\n"
        + " Sent 616848 bytes 4344 pkt (dropped 58, overlimits 0 requeues 0) \n"
        + " backlog 0b 0p requeues 0\n", qdisc);
    assertEquals("eth0 tx udp flows 1 rate 1Mbit size 100: sent 4402 pkts 625084 bytes,"
        + " eagain 0, failed 0, stopped\n", r.stdout("m0", "traffic show dev eth0"));
    // One-way delay: netem's 20 ms +- 5 ms, plus 50 us of cable and 1 us of serialization.
    assertEquals("eth0 rx 4344 pkts 616848 bytes, first 2.016922 last 7.021135, delay min"
        + " 15.052ms avg 20.071ms max 25.048ms\n", r.stdout("m1", "traffic show dev eth0"));
  }

  @Test
  void mqGivesEachTxQueueItsOwnChild() {
    ScenarioRun r = run("scenarios/mq.conf");
    String qdisc = r.stdout("m0", "tc -s qdisc show dev eth0");
    assertTrue(qdisc.startsWith("qdisc mq 1: root \n Sent 9646836 bytes 9258 pkt (dropped 339,"
        + " overlimits 829 requeues 0) \n"), qdisc);
    assertTrue(qdisc.contains("qdisc tbf 10: parent 1:1 rate 1Mbit burst 10Kb lat 20ms \n"
        + " Sent 271962 bytes 261 pkt (dropped 339, overlimits 829 requeues 0) \n"), qdisc);
    assertTrue(qdisc.contains("qdisc pfifo 20: parent 1:2 limit 100p\n"
        + " Sent 2499758 bytes 2399 pkt (dropped 0, overlimits 0 requeues 0) \n"), qdisc);
    assertTrue(qdisc.contains("qdisc fq_codel 30: parent 1:3 limit 10240p flows 1024 quantum"
        + " 1514 target 5ms interval 100ms memory_limit 32Mb ecn drop_batch 64 \n"
        + " Sent 3124958 bytes 2999 pkt (dropped 0, overlimits 0 requeues 0) \n"), qdisc);
    assertTrue(qdisc.contains("qdisc sfq 40: parent 1:4 limit 127p quantum 1514b depth 127"
        + " divisor 1024 \n Sent 3750158 bytes 3599 pkt (dropped 0, overlimits 0 requeues 0) \n"),
        qdisc);
    assertEquals(9258, 261 + 2399 + 2999 + 3599, "mq sums its children");
    assertEquals("eth0 rx 9258 pkts 9646836 bytes, first 2.000078 last 4.095495, delay min"
        + " 0.018ms avg 2.541ms max 99.823ms\n", r.stdout("m1", "traffic show dev eth0"));
  }

  @Test
  void ingressFilterDropsOneFlowOfFourOnReceive() {
    ScenarioRun r = run("scenarios/ingress.conf");
    assertEquals("qdisc ingress ffff: parent ffff:fff1 ---------------- \n"
        + " Sent 999278 bytes 959 pkt (dropped 239, overlimits 0 requeues 0) \n"
        + " backlog 0b 0p requeues 0\n", r.stdout("m1", "tc -s qdisc show dev eth0 ingress"));
    assertEquals("eth0 rx 720 pkts 750240 bytes, first 2.001822 last 3.999513, delay min"
        + " 0.018ms avg 0.018ms max 0.018ms\n", r.stdout("m1", "traffic show dev eth0"));
    assertEquals("eth0 tx udp flows 4 rate 4Mbit size 1000: sent 959 pkts 999278 bytes,"
        + " eagain 0, failed 0, stopped\n", r.stdout("m0", "traffic show dev eth0"));
  }

  @Test
  void tenThousandHtbClassesSetUpAndCarryASecondOfTraffic() {
    ScenarioRun r = run("scenarios/htb-10k-classes.conf");
    assertEquals(10_000 + 2 + 100 + 6, r.commands().size());
    assertEquals("qdisc htb 1: root refcnt 2 r2q 10 default 0xffff direct_packets_stat 0"
        + " direct_qlen 1000\n"
        + " Sent 12498790 bytes 11995 pkt (dropped 0, overlimits 600 requeues 0) \n"
        + " backlog 0b 0p requeues 0\n", r.stdout("m0", "tc -s qdisc show dev eth0"));
    for (String id : List.of("1", "64")) {
      String cls = r.stdout("m0", "tc -s class show dev eth0 classid 1:" + id);
      assertTrue(cls.contains(" Sent 125040 bytes 120 pkt (dropped 0, overlimits 0 requeues 0) \n"
          + " backlog 0b 0p requeues 0\n lended: 14 borrowed: 106 giants: 0\n"), cls);
    }
    assertTrue(r.stdout("m0", "tc -s class show dev eth0 classid 1:2710")
        .startsWith("class htb 1:2710 parent 1:ffff prio 0 rate 100Kbit ceil 1Gbit burst 1600b"
            + " cburst 1375b \n Sent 0 bytes 0 pkt "));
    assertEquals("eth0 rx 11995 pkts 12498790 bytes, first 2.000151 last 2.999937, delay min"
        + " 0.011ms avg 0.011ms max 0.011ms\n", r.stdout("m1", "traffic show dev eth0"));
  }
}

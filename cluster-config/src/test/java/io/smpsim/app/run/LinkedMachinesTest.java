package io.smpsim.app.run;

import static io.smpsim.app.run.ScenarioRun.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.GoldenLog;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.sim.testing.SerializationErrors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NICs and the links between machines: a NIC drains its ring at line rate and its full ring
 * holds packets back in the qdisc; packets crossing between machines placed on different
 * cluster nodes give the same result as on one node.
 */
class LinkedMachinesTest {

  private static final ScenarioLoader LOADER = new ScenarioLoader();

  /** Golden transcripts of the scenarios written in this test. */
  private static final java.nio.file.Path GOLDEN = GoldenLog.repoRoot()
      .resolve("cluster-config/src/test/resources/golden");

  /** m0's 100 Mbit/s NIC with a 16-descriptor ring is offered 150 Mbit/s for half a second. */
  private static final String LINE_RATE = """
      seed = 7
      duration = 2200ms
      machines = [
        { name = m0, cpus = 2, nics = [ { name = eth0, rate = 100mbit, ring = 16 } ] }
        { name = m1, cpus = 2, nics = [ { name = eth0, rate = 1gbit } ] }
      ]
      links = [ { a = "m0:eth0", b = "m1:eth0", latency = 2us } ]
      timeline = [
        { at = 1500ms, on = m0, run = "traffic start dev eth0 rate 150mbit size 1000 for 500ms" }
        { at = 1900ms, on = m0, run = "tc -s qdisc show dev eth0" }
        { at = 2100ms, on = m0, run = "traffic show dev eth0" }
        { at = 2100ms, on = m1, run = "traffic show dev eth0" }
      ]
      """;

  /**
   * Two one-CPU machines: m0's netem (seeded loss and jitter) sends four flows to m1, whose
   * ingress filter drops one. Small, because every window of a two-node run is a round trip
   * between the nodes.
   */
  private static final String CROSSING = """
      seed = 5
      duration = 1300ms
      machines = [
        { name = m0, cpus = 1, hz = 100, nics = [ { name = eth0 } ] }
        { name = m1, cpus = 1, hz = 100, nics = [ { name = eth0 } ] }
      ]
      links = [ { a = "m0:eth0", b = "m1:eth0", latency = 5us } ]
      timeline = [
        { at = 1050ms, on = m1, run = "tc qdisc add dev eth0 ingress" }
        { at = 1050ms, on = m1, run = "tc filter add dev eth0 parent ffff: protocol ip prio 1 flower ip_proto udp src_port 40001 action drop" }
        { at = 1050ms, on = m0, run = "tc qdisc add dev eth0 root netem delay 1ms 500us loss 5%" }
        { at = 1100ms, on = m0, run = "traffic start dev eth0 rate 2mbit size 500 flows 4 dst m1:eth0 for 100ms" }
        { at = 1250ms, on = m1, run = "tc -s qdisc show dev eth0 ingress" }
        { at = 1250ms, on = m1, run = "traffic show" }
        { at = 1250ms, on = m0, run = "tc -s qdisc show dev eth0" }
      ]
      """;

  /** A pfifo root shared by the four TX queues of m0's NIC, whose 8-descriptor rings fill. */
  private static final String SHARED_ROOT = """
      seed = 1
      duration = 2400ms
      machines = [
        { name = m0, cpus = 4, nics = [ { name = eth0, tx-queues = 4, rate = 100mbit, ring = 8 } ] }
        { name = m1, cpus = 4, nics = [ { name = eth0, tx-queues = 4 } ] }
      ]
      links = [ { a = "m0:eth0", b = "m1:eth0" } ]
      timeline = [
        { at = 1500ms, on = m0, run = "tc qdisc add dev eth0 root handle 1: pfifo limit 3000" }
        { at = 2s, on = m0, run = "traffic start dev eth0 rate 200mbit size 1000 flows 16 for 300ms" }
        { at = 2300ms, on = m0, run = "tc -s qdisc show dev eth0" }
        { at = 2350ms, on = m1, run = "traffic show" }
      ]
      """;

  /** Runs {@code sc} on {@code nodes} nodes of its own; every timeline command succeeds. */
  private static ScenarioRun run(int nodes, Scenario sc) {
    ScenarioRun r = ScenarioRun.onNodes(nodes, LOADER, sc);
    assertEquals(List.of(), r.failures());
    return r;
  }

  @Test
  void aNicSendsAtLineRateAndAFullRingKeepsPacketsInTheQdisc() {
    ScenarioRun r = run(1, LOADER.load(LINE_RATE, "line-rate.conf", null, null));
    String qdisc = r.stdout("m0", "tc -s qdisc show dev eth0");
    GoldenLog.assertMatches(GOLDEN.resolve("line-rate.out"), r.transcript());
    // The ring is full, so the queue is stopped and the backlog waits in pfifo_fast; the
    // socket buffer (93 packets) fills before the 1000-packet queue does.
    assertEquals(0, number(qdisc, "dropped (\\d+)"));
    assertTrue(number(qdisc, "backlog \\d+b (\\d+)p") > 0, qdisc);
    String tx = r.stdout("m0", "traffic show dev eth0");
    assertTrue(number(tx, "eagain (\\d+)") > 0, tx);
    String rx = r.stdout("m1", "traffic show dev eth0");
    // Frames of 1042 bytes at 100 Mbit/s take 83.36 us each: they arrived back to back.
    long pkts = number(rx, "rx (\\d+) pkts");
    double first = Double.parseDouble(rx.replaceAll("(?s).*first ([0-9.]+).*", "$1"));
    double last = Double.parseDouble(rx.replaceAll("(?s).*last ([0-9.]+).*", "$1"));
    assertEquals((pkts - 1) * 83_360e-9, last - first, 1e-6);
    SerializationErrors.assertNone();
  }

  @Test
  void aRootSharedByFourQueuesRequeuesAPacketWhoseRingIsFull() {
    ScenarioRun r = run(1, LOADER.load(SHARED_ROOT, "shared-root.conf", null, null));
    GoldenLog.assertMatches(GOLDEN.resolve("shared-root.out"), r.transcript());
    // Each packet goes to the ring of its own TX queue (its flow hash); when that ring is
    // full it goes back to the head of the pfifo (dev_requeue_skb) and waits.
    String qdisc = r.stdout("m0", "tc -s qdisc show dev eth0");
    assertTrue(qdisc.startsWith("qdisc pfifo 1: root refcnt 5 limit 3000p\n"), qdisc);
    assertTrue(number(qdisc, "requeues (\\d+)") > 0, qdisc);
    assertEquals(0, number(qdisc, "dropped (\\d+)"));
    SerializationErrors.assertNone();
  }

  @Test
  void packetsCrossingClusterNodesGiveTheSameResultAsOnOneNode() {
    Scenario sc = LOADER.load(CROSSING, "crossing.conf", null, null);
    ScenarioRun one = run(1, sc);
    ScenarioRun two = run(2, sc);
    assertEquals(2, two.entitiesPerNode().stream().filter(n -> n > 0).count(),
        "the two machines live on different nodes: " + two.entitiesPerNode());
    assertEquals(one.commands(), two.commands());
    assertTrue(one.commands().get(4).stdout().contains("dropped"), one.commands().toString());
    assertEquals(one.traceHash(), two.traceHash());
    SerializationErrors.assertNone();
  }
}

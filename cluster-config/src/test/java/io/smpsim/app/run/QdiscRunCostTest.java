package io.smpsim.app.run;

import static io.smpsim.app.run.ScenarioRun.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.sim.testing.SerializationErrors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The transmit path costs the CPU that runs it: each packet's enqueue, dequeue and driver
 * transmit is busy time of its CPU in /proc/stat, a CPU sends no faster than that path allows,
 * and a CPU that finds the root RUNNING only enqueues, leaving the dequeues and driver transmits
 * to the runner (the root lock is not held across the driver transmit).
 */
class QdiscRunCostTest {

  private static final ScenarioLoader LOADER = new ScenarioLoader();

  /** Enqueue, dequeue and driver transmit of one packet: 50 + 50 + 200 ns. */
  private static final double PATH_NS = 300;

  private static ScenarioRun run(String text) {
    ScenarioRun r = ScenarioRun.onNodes(1, LOADER,
        LOADER.load(text, "qdisc-run-cost.conf", null, null));
    SerializationErrors.assertNone();
    assertEquals(List.of(), r.failures());
    return r;
  }

  /** The system column (USER_HZ ticks) of a {@code cpuN} line of /proc/stat. */
  private static long system(String statLine) {
    return Long.parseLong(statLine.trim().split("\\s+")[3]);
  }

  /** The packets m1's eth0 received so far, from its {@code traffic show}. */
  private static long received(String show) {
    return number(show, "eth0 rx (\\d+) pkts");
  }

  /**
   * 18-byte UDP payloads, 60 bytes on the wire, so that the 10 Gbit/s link is never the limit;
   * 16 flows keep many sends in flight. CPU 1 sends 400,000 packets a second for half a second,
   * then offers 5,000,000 a second for 100 ms.
   */
  private static final String ONE_SENDER = """
      seed = 5
      duration = 3000ms
      machines = [
        { name = m0, cpus = 2, nics = [ { name = eth0, rate = 10gbit } ] }
        { name = m1, cpus = 1, nics = [ { name = eth0, rate = 10gbit } ] }
      ]
      links = [ { a = "m0:eth0", b = "m1:eth0", latency = 5us } ]
      timeline = [
        { at = 2s, on = m0, run = "cat /proc/stat | grep '^cpu1'" }
        { at = 2s, on = m0, run = "traffic start dev eth0 rate 192mbit size 18 flows 16 cpu 1 for 500ms" }
        { at = 2600ms, on = m0, run = "cat /proc/stat | grep '^cpu1'" }
        { at = 2600ms, on = m1, run = "traffic show dev eth0" }
        { at = 2600ms, on = m0, run = "traffic start dev eth0 rate 2400mbit size 18 flows 16 cpu 1 for 100ms" }
        { at = 2800ms, on = m0, run = "cat /proc/stat | grep '^cpu1'" }
        { at = 2800ms, on = m1, run = "traffic show dev eth0" }
      ]
      """;

  @Test
  void aSendersCpuIsBusyForEachPacketsPathAndSaturatesAtItsRate() {
    ScenarioRun r = run(ONE_SENDER);
    List<String> stat = r.outputs("m0", "cat /proc/stat | grep '^cpu1'");
    List<String> rx = r.outputs("m1", "traffic show dev eth0");
    long light = received(rx.get(0));
    assertTrue(light >= 199_990 && light <= 200_000, "400,000 a second for half a second: " + light);
    // 200,000 x 300 ns = 60 ms: 6 USER_HZ ticks of system time (truncated where it falls).
    long busy = system(stat.get(1)) - system(stat.get(0));
    assertTrue(Math.abs(busy - light * PATH_NS / 10e6) <= 1, "system ticks " + busy + "\n" + stat);
    // Offered 500,000 in 100 ms, the link could carry 16 million: the CPU carries one packet
    // every 300 ns at most, and is in the kernel for the whole 100 ms.
    long heavy = received(rx.get(1)) - light;
    double cap = 100e6 / PATH_NS;
    assertTrue(heavy <= cap * 1.02 && heavy >= cap * 0.85, "CPU-bound: " + heavy + " of 500000");
    long saturated = system(stat.get(2)) - system(stat.get(1));
    assertTrue(saturated >= 9, "CPU 1 busy the whole 100 ms: " + saturated + " ticks\n" + stat);
  }

  /** Two CPUs offer 2.5 million packets a second each to the one TX queue of eth0. */
  private static final String TWO_SENDERS = """
      seed = 5
      duration = 2300ms
      machines = [
        { name = m0, cpus = 3, nics = [ { name = eth0, rate = 10gbit } ] }
        { name = m1, cpus = 1, nics = [ { name = eth0, rate = 10gbit } ] }
      ]
      links = [ { a = "m0:eth0", b = "m1:eth0", latency = 5us } ]
      timeline = [
        { at = 2s, on = m0, run = "cat /proc/stat | grep '^cpu1'" }
        { at = 2s, on = m0, run = "cat /proc/stat | grep '^cpu2'" }
        { at = 2s, on = m0, run = "traffic start dev eth0 rate 1200mbit size 18 flows 16 cpu 1 for 100ms" }
        { at = 2s, on = m0, run = "traffic start dev eth0 rate 1200mbit size 18 flows 16 cpu 2 for 100ms" }
        { at = 2200ms, on = m0, run = "cat /proc/stat | grep '^cpu1'" }
        { at = 2200ms, on = m0, run = "cat /proc/stat | grep '^cpu2'" }
        { at = 2200ms, on = m0, run = "traffic show dev eth0" }
        { at = 2200ms, on = m1, run = "traffic show dev eth0" }
      ]
      """;

  @Test
  void aCpuFindingTheRootRunningOnlyEnqueuesAndTheRunnerTransmitsForBoth() {
    ScenarioRun r = run(TWO_SENDERS);
    long[] ticks = new long[3];
    for (int c = 1; c <= 2; c++) {
      List<String> stat = r.outputs("m0", "cat /proc/stat | grep '^cpu" + c + "'");
      ticks[c] = system(stat.get(1)) - system(stat.get(0));
    }
    String tx = r.stdout("m0", "traffic show dev eth0");
    long[] sent = {0, number(tx.lines().toList().get(0), "sent (\\d+) pkts"),
        number(tx.lines().toList().get(1), "sent (\\d+) pkts")};
    int runner = ticks[1] >= ticks[2] ? 1 : 2;
    int other = 3 - runner;
    long rx = received(r.stdout("m1", "traffic show dev eth0"));
    String figures = "system ticks " + ticks[1] + "/" + ticks[2] + ", sent " + sent[1] + "/"
        + sent[2] + ", received " + rx;
    // The runner was charged the dequeue and driver transmit (250 ns) of every packet that left,
    // both senders', and the enqueues (50 ns) of its own sender's.
    double runnerTicks = (rx * 250.0 + sent[runner] * 50.0) / 10e6;
    assertTrue(rx > sent[runner] && Math.abs(ticks[runner] - runnerTicks) <= 1.5,
        runnerTicks + " ticks expected of the runner; " + figures);
    // The other CPU paid only its enqueues (and short waits for a dequeue): well under the
    // 250 ns of a dequeue and driver transmit a packet, which it would have spent spinning had
    // the root lock been held across the driver transmit.
    double nsPerPacket = (ticks[other] + 1) * 10e6 / sent[other];
    assertTrue(nsPerPacket < 150, nsPerPacket + " ns a packet; " + figures);
    assertTrue(ticks[runner] >= 5 * Math.max(1, ticks[other]), figures);
  }
}

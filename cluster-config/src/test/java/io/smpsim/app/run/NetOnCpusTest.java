package io.smpsim.app.run;

import static io.smpsim.app.run.ScenarioRun.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.sim.testing.SerializationErrors;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Networking on the simulated CPUs: a traffic sender is a task on its CPU (a hard lockup there
 * stops its TX queue and no other), the NIC's queue vectors fire on the CPUs their affinity
 * names (counted in /proc/interrupts and, with their NAPI polls and queue wake-ups, in NET_RX
 * and NET_TX of /proc/softirqs), and the whole is the same on one node and on three with each
 * CPU placed apart.
 */
class NetOnCpusTest {

  private static final ScenarioLoader LOADER = new ScenarioLoader();

  /** Runs scenarios/{@code name} on one node of its own. */
  private static ScenarioRun runFile(String name) {
    ScenarioRun r = ScenarioRun.onNodes(1, LOADER,
        LOADER.load(ScenarioRun.scenario(name), null, null));
    SerializationErrors.assertNone();
    return r;
  }

  /** The packets the qdisc with parent {@code parent} sent, in a {@code tc -s qdisc show}. */
  private static long sent(String show, String parent) {
    return number(show, "parent " + Pattern.quote(parent) + " [^\\n]*\\n Sent \\d+ bytes (\\d+) pkt");
  }

  /** The count of the {@code /proc/interrupts} or {@code /proc/softirqs} row {@code row} on {@code cpu}. */
  private static long cell(String table, String row, int cpu) {
    for (String l : table.split("\n")) {
      if (l.trim().startsWith(row + ":") || l.endsWith(" " + row)) {
        String[] f = l.trim().split("\\s+");
        return Long.parseLong(f[1 + cpu]);
      }
    }
    throw new AssertionError("no row " + row + " in\n" + table);
  }

  @Test
  void aHardLockupOnOneSendersCpuStopsItsQueueWhileTheOtherQueueGoesOn() {
    ScenarioRun r = runFile("net-hardlockup.conf");
    assertEquals(List.of(), r.failures());
    r.assertGolden("scenarios/net-hardlockup.conf");
    List<String> shows = r.outputs("m0", "tc -s qdisc show dev eth0");
    assertEquals(3, shows.size());
    // Queue 0 (parent :1) is fed from CPU 1, queue 1 (parent :2) from CPU 2, locked at 4 s.
    long[] q0 = new long[3];
    long[] q1 = new long[3];
    for (int i = 0; i < 3; i++) {
      q0[i] = sent(shows.get(i), ":1");
      q1[i] = sent(shows.get(i), ":2");
    }
    assertTrue(q0[0] < q0[1] && q0[1] < q0[2], "queue 0 goes on: " + List.of(q0[0], q0[1], q0[2]));
    // 8 Mbit/s of 1042-byte packets is 960 a second, for the 12.01 s from 3.99 s to 16 s.
    assertTrue(Math.abs(q0[2] - q0[0] - 12.01 * 960) <= 5, "queue 0 at its rate: " + (q0[2] - q0[0]));
    assertEquals(q1[1], q1[2], "queue 1 stopped with its CPU");
    assertTrue(q1[1] - q1[0] <= 10, "queue 1 sent only what was due before 4 s: " + (q1[1] - q1[0]));
    List<String> report = r.lines("m0", "Watchdog detected hard LOCKUP on cpu 2");
    assertEquals(1, report.size(), "the hard lockup is reported once");
    long at = r.firstTime("m0", "Watchdog detected hard LOCKUP on cpu 2");
    assertTrue(at > 4_000_000_000L && at < 16_000_000_000L, "reported at " + at);
    assertEquals(-1, r.firstTime("m0", "LOCKUP on cpu 1"), "the other sender's CPU is fine");
    // Every completion of queue 0 was cleaned by a NAPI poll on CPU 0, its vector's CPU.
    String interrupts = r.outputs("m0", "cat /proc/interrupts").get(0);
    assertTrue(interrupts.contains(" 24: ") && interrupts.contains(
        "   PCI-MSI 524288-edge      eth0-TxRx-0\n"), interrupts);
    assertEquals(q0[2], cell(interrupts, "eth0-TxRx-0", 0));
    assertEquals(q1[2], cell(interrupts, "eth0-TxRx-1", 1));
    String softirqs = r.outputs("m0", "cat /proc/softirqs").get(0);
    assertEquals(q0[2], cell(softirqs, "NET_RX", 0));
    assertEquals(q1[2], cell(softirqs, "NET_RX", 1));
    assertEquals(0, cell(softirqs, "NET_RX", 2));
  }

  @Test
  void queueVectorsCountOnTheirAffinityCpuAndMoveWithWritesAndHotplug() {
    ScenarioRun r = runFile("net-irq.conf");
    r.assertGolden("scenarios/net-irq.conf");
    List<String> aff = r.outputs("m0", "cat /proc/irq/26/smp_affinity_list");
    assertEquals(List.of("2\n", "1\n", "0,2-3\n"), aff,
        "spread by the driver, moved by a write, broken to the online CPUs when CPU 1 left");
    assertEquals("0,2-3\n", r.outputs("m0", "cat /proc/irq/25/smp_affinity_list").get(0));
    assertEquals("sh: write error: Numerical result out of range\n",
        r.command("m0", "echo 4 > /proc/irq/26/smp_affinity_list").stderr());
    for (String bad : List.of("1-x", "2-1", "")) {
      CommandResult c = r.command("m0", ("echo " + bad).trim() + " > /proc/irq/26/smp_affinity_list");
      assertEquals("sh: write error: Invalid argument\n", c.stderr(), bad);
    }
    assertEquals(1, r.command("m0", "cat /proc/irq/28/smp_affinity_list").exit(),
        "a 4-queue NIC has IRQs 24-27");
    List<String> irqs = r.outputs("m0", "cat /proc/interrupts");
    String before = irqs.get(0);
    String after = irqs.get(1);
    long vec = cell(before, "eth0-TxRx-2", 1);
    assertTrue(vec > 1000, "queue 2's completions interrupt CPU 1: " + vec);
    assertEquals(0, cell(before, "eth0-TxRx-2", 2), "and no longer CPU 2");
    String softirqs = r.outputs("m0", "cat /proc/softirqs").get(0);
    assertEquals(vec, cell(softirqs, "NET_RX", 1));
    long netTx = cell(softirqs, "NET_TX", 1);
    assertTrue(netTx > 100 && netTx <= vec,
        "a full ring stops the queue; completions that wake it raise NET_TX: " + netTx);
    // CPU 1 is offline: its column is gone and queue 2's vector fires on CPU 0, 2 or 3.
    assertTrue(!after.contains("CPU1 "), after);
    String row = after.lines().filter(l -> l.endsWith("eth0-TxRx-2")).findFirst().orElseThrow();
    long moved = 0;
    for (String f : row.trim().split("\\s+")) {
      if (f.matches("\\d+") && !f.equals(row.trim().split("\\s+")[0])) {
        moved += Long.parseLong(f);
      }
    }
    assertTrue(moved > 100, "queue 2 still interrupts after CPU 1 left: " + row);
    String tx = r.stdout("m0", "traffic show dev eth0");
    assertTrue(tx.contains("failed 0"), tx);
  }

  @Test
  void aCpuWithInterruptsOffHoldsBackItsVectorAndTheStackWaitsForTheCompletions() {
    ScenarioRun r = runFile("net-irqs-off.conf");
    assertEquals(List.of(), r.failures());
    r.assertGolden("scenarios/net-irqs-off.conf");
    List<String> irqs = r.outputs("m0", "cat /proc/interrupts");
    List<String> shows = r.outputs("m0", "tc -s qdisc show dev eth0");
    long before = cell(irqs.get(0), "eth0-TxRx-1", 1);
    long during = cell(irqs.get(1), "eth0-TxRx-1", 1);
    long after = cell(irqs.get(2), "eth0-TxRx-1", 1);
    // 8 Mbit/s of 1042-byte packets: 960 a second; CPU 1 turned interrupts off at 3 s.
    assertTrue(during - before <= 10, "CPU 1 took no vector with interrupts off: "
        + before + " -> " + during);
    assertTrue(after > during + 400, "it takes the vector again once they are on: " + after);
    long sentDuring = sent(shows.get(0), ":2");
    assertTrue(sentDuring <= during + 64,
        "queue 1 sent at most its ring beyond what was cleaned: " + sentDuring);
    assertTrue(number(shows.get(0), "parent :2 [^\\n]*\\n[^\\n]*\\n backlog \\d+b (\\d+)p") > 0,
        "the stopped queue has a backlog:\n" + shows.get(0));
    assertTrue(sent(shows.get(1), ":2") > sentDuring + 400, "queue 1 drains once woken");
    // Queue 0's vector is on CPU 0, which never stopped taking it: one interrupt a completion.
    assertEquals(sent(shows.get(1), ":1"), cell(irqs.get(2), "eth0-TxRx-0", 0));
    assertTrue(sent(shows.get(0), ":1") > 3700, "queue 0 went on: " + sent(shows.get(0), ":1"));
    assertTrue(r.stdout("m0", "traffic show dev eth0").contains("failed 0"));
  }

  /** The packets the flow on line {@code i} of a {@code traffic show} sent. */
  private static long flowSent(String show, int i) {
    return number(show.lines().toList().get(i), "sent (\\d+) pkts");
  }

  @Test
  void aSenderSpinsOnAQdiscRootLockHeldByAStuckCpuAndTheLockupDetectorsSeeBoth() {
    ScenarioRun r = runFile("net-qdisc-lock.conf");
    r.assertGolden("scenarios/net-qdisc-lock.conf");
    assertEquals("inject: the root lock of eth0 TX queue 1 is held already\n",
        r.command("m0", "inject qdisc-lock dev eth0 queue 1 cpu 0").stderr());
    assertEquals("inject: Cannot find device \"eth9\"\n",
        r.command("m0", "inject qdisc-lock dev eth9 cpu 0").stderr());
    List<String> shows = r.outputs("m0", "traffic show dev eth0");
    // Line 0: the sender on CPU 1 (queue 0); line 1: the one on CPU 2 (queue 1), whose root
    // lock CPU 3 holds from 3 s to 23 s.
    long q1At12 = flowSent(shows.get(0), 1);
    assertEquals(q1At12, flowSent(shows.get(1), 1), "queue 1's sender sends nothing meanwhile");
    assertTrue(q1At12 <= 962, "it stopped at 3 s: " + q1At12);
    assertTrue(flowSent(shows.get(1), 0) - flowSent(shows.get(0), 0) > 9500,
        "queue 0's sender goes on");
    long after = flowSent(shows.get(2), 1) - q1At12;
    assertTrue(after > 900 && after < 1000, "it resumes when the lock is free: " + after);
    long soft = r.firstTime("m0", "watchdog: BUG: soft lockup - CPU#2 stuck for");
    assertTrue(soft > 13_000_000_000L && soft < 23_000_000_000L, "the spinner, at " + soft);
    assertTrue(r.lines("m0", "soft lockup - CPU#2").get(0).endsWith("[traffic/2:30002]"),
        r.lines("m0", "soft lockup - CPU#2").toString());
    assertTrue(r.lines("m0", " __dev_queue_xmit+").size() >= 1,
        "the spinner's call trace is the sender's way into the root lock");
    long hard = r.firstTime("m0", "Watchdog detected hard LOCKUP on cpu 3");
    assertTrue(hard > 3_000_000_000L && hard < 23_000_000_000L, "the holder, at " + hard);
    assertEquals(-1, r.firstTime("m0", "soft lockup - CPU#1"), "the other sender is fine");
  }

  /** Two senders on two CPUs of a machine whose CPUs are placed apart. */
  private static final String PER_CPU = """
      seed = 3
      duration = 1400ms
      machines = [
        { name = m0, cpus = 3, hz = 100, placement = cpu,
          nics = [ { name = eth0, tx-queues = 2, rate = 100mbit, ring = 16 } ] }
        { name = m1, cpus = 1, hz = 100, nics = [ { name = eth0, tx-queues = 2 } ] }
      ]
      links = [ { a = "m0:eth0", b = "m1:eth0", latency = 5us } ]
      timeline = [
        { at = 1100ms, on = m0, run = "traffic start dev eth0 rate 30mbit size 500 flows 2 cpu 1 for 100ms" }
        { at = 1100ms, on = m0, run = "traffic start dev eth0 rate 30mbit size 500 flows 2 cpu 2 queue 1 for 100ms" }
        { at = 1120ms, on = m0, run = "inject qdisc-lock dev eth0 queue 1 cpu 0 for 20ms" }
        { at = 1150ms, on = m0, run = "echo 0 > /sys/devices/system/cpu/cpu2/online" }
        { at = 1250ms, on = m0, run = "cat /proc/softirqs" }
        { at = 1300ms, on = m0, run = "tc -s qdisc show dev eth0" }
        { at = 1300ms, on = m1, run = "traffic show" }
      ]
      """;

  @Test
  void sendersAndVectorsOnCpusPlacedApartOnThreeNodesGiveTheSameRunAsOnOne() {
    Scenario sc = LOADER.load(PER_CPU, "per-cpu.conf", null, null);
    ScenarioRun one = ScenarioRun.onNodes(1, LOADER, sc);
    ScenarioRun three = ScenarioRun.onNodes(3, LOADER, sc);
    assertTrue(three.entitiesPerNode().stream().filter(n -> n > 0).count() >= 2,
        "m0's CPUs are placed apart: " + three.entitiesPerNode());
    assertEquals(List.of(), one.failures());
    assertEquals(one.commands(), three.commands());
    assertEquals(one.traceHash(), three.traceHash());
    assertTrue(sent(one.stdout("m0", "tc -s qdisc show dev eth0"), ":2") > 0,
        one.commands().toString());
    SerializationErrors.assertNone();
  }
}

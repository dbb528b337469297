package io.smpsim.app.run;

import static io.smpsim.app.run.ScenarioRun.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smpsim.app.Cli;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.sim.testing.SerializationErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TX queues of a NIC that run no root (queues 1-3 under a root all four share) keep
 * rtnetlink's changes for later instead of applying them at once: what they kept must be in
 * their trees, in order, once they run a root again.
 */
class TxQueueKeptChangesTest {

  private static final ScenarioLoader LOADER = new ScenarioLoader();

  @TempDir
  Path dir;

  /**
   * A pfifo root shared by the four queues, a txqueuelen change made under it (kept by queues
   * 1-3), then mq: its default pfifo_fast children take the device's txqueuelen as their limit
   * (pfifo_fast_init() in net/sched/sch_generic.c), so every child must drop beyond 5 packets.
   */
  private static final String KEPT = """
      seed = 1
      duration = 2400ms
      machines = [
        { name = m0, cpus = 4, nics = [ { name = eth0, tx-queues = 4, rate = 100mbit, ring = 8 } ] }
        { name = m1, cpus = 4, nics = [ { name = eth0, tx-queues = 4 } ] }
      ]
      links = [ { a = "m0:eth0", b = "m1:eth0" } ]
      timeline = [
        { at = 1500ms, on = m0, run = "tc qdisc add dev eth0 root handle 1: pfifo limit 3000" }
        { at = 1500ms, on = m0, run = "ip link set dev eth0 txqueuelen 5" }
        { at = 1600ms, on = m0, run = "tc qdisc replace dev eth0 root handle 2: mq" }
        { at = 2s, on = m0, run = "traffic start dev eth0 rate 200mbit size 1000 flows 16 for 300ms" }
        { at = 2300ms, on = m0, run = "tc -s qdisc show dev eth0" }
        { at = 2350ms, on = m1, run = "traffic show" }
      ]
      """;

  private static final Pattern CHILD = Pattern.compile(
      "qdisc pfifo_fast 0: parent 2:(\\d) .*\\n Sent \\d+ bytes (\\d+) pkt \\(dropped (\\d+),"
      + ".*\\n backlog \\d+b (\\d+)p");

  private static ScenarioRun run(int nodes, Scenario sc) {
    ScenarioRun r = ScenarioRun.onNodes(nodes, LOADER, sc);
    assertEquals(List.of(), r.failures());
    return r;
  }

  @Test
  void queuesThatRanNoRootApplyWhatTheyKeptOnceTheyRunOne() {
    Scenario sc = LOADER.load(KEPT, "kept.conf", null, null);
    ScenarioRun one = run(1, sc);
    String qdisc = one.stdout("m0", "tc -s qdisc show dev eth0");
    Matcher m = CHILD.matcher(qdisc);
    int children = 0;
    while (m.find()) {
      children++;
      int child = Integer.parseInt(m.group(1));
      long sent = Long.parseLong(m.group(2));
      long dropped = Long.parseLong(m.group(3));
      long backlog = Long.parseLong(m.group(4));
      assertTrue(sent > 0, qdisc);
      assertTrue(backlog <= 5, "child " + child + " holds more than txqueuelen:\n" + qdisc);
      if (child > 1) {
        // Queues 1-3 ran no root when txqueuelen changed; with 1,000 packets of room (the
        // change lost) these children never drop.
        assertTrue(dropped > 0, "child " + child + " never dropped:\n" + qdisc);
      }
    }
    assertEquals(4, children, qdisc);
    // Nothing lost on the way: what mq sent and held then, m1 has received by 50 ms later.
    assertEquals(number(one.stdout("m1", "traffic show"), "rx (\\d+) pkts"),
        number(qdisc, "qdisc mq 2: root \\n Sent \\d+ bytes (\\d+) pkt")
            + number(qdisc, "qdisc mq 2: root \\n.*\\n backlog \\d+b (\\d+)p"), qdisc);

    ScenarioRun two = run(2, sc);
    assertEquals(one.commands(), two.commands());
    assertEquals(one.traceHash(), two.traceHash());
    SerializationErrors.assertNone();
  }

  @Test
  void keptChangesGoIntoACheckpointAndComeBackOnResume() throws IOException {
    Path conf = Files.writeString(dir.resolve("kept.conf"), KEPT);
    Path checkpoints = dir.resolve("ckpt");
    // The checkpoint at 1550 ms falls between the change queues 1-3 keep and mq.
    Cli.Outcome first = Cli.run("run", conf.toString(), "--duration", "1560ms",
        "--checkpoint-every", "1550ms", "--checkpoint-dir", checkpoints.toString());
    assertEquals(0, first.exit(), first.stderr());
    Cli.Outcome resumed = Cli.run("resume", checkpoints.toString(), "--duration", "2400ms",
        "--out", dir.resolve("resumed").toString());
    Cli.Outcome plain = Cli.run("run", conf.toString(), "--out", dir.resolve("plain").toString());
    assertEquals(0, resumed.exit(), resumed.stderr());
    assertEquals(0, plain.exit(), plain.stderr());
    assertEquals(Files.readString(dir.resolve("plain/commands.log")),
        Files.readString(dir.resolve("resumed/commands.log")));
    assertEquals(Cli.traceHash(dir.resolve("plain")), Cli.traceHash(dir.resolve("resumed")));
    SerializationErrors.assertNone();
  }
}

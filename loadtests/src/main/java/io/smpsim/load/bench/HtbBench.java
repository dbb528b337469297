package io.smpsim.load.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.app.cli.Main;
import io.smpsim.kernel.net.core.Packet;
import io.smpsim.kernel.net.core.SplitMixRandom;
import io.smpsim.kernel.net.dev.NetStack;
import io.smpsim.kernel.net.sched.Qdisc;
import io.smpsim.kernel.net.tc.NetShell;
import io.smpsim.kernel.net.tc.ShellResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code smpsim bench htb}: the htb data path with many classes, as one JSON line. One node's
 * network stack has a 10 Gbit/s NIC whose root is htb with a root class at line rate and
 * {@code --classes} leaves sharing it (each with its share as rate, line rate as ceil, the same
 * burst and quantum whatever the count, so a class goes through the same modes per packet; its
 * default pfifo). Every leaf is kept backlogged: 40,000 packets of 1000 bytes are queued over the
 * leaves, and each packet the NIC takes (one per wire time, in simulated time; at the watchdog's
 * time when htb holds everything back) is replaced by a new one for the same class through the
 * stack's transmit path. So every dequeue chooses among all the classes, which is where a
 * scheduler that scans them pays. Counted: packets sent per wall second, for {@code --classes}
 * and, in the same run as the baseline, {@code --baseline-classes}; each the median of
 * {@code --repeat} rounds after a warm-up of each, also per second of the thread's CPU time
 * (what a loaded machine cannot blur). The ratio of the two shows whether the cost of a packet
 * grows with the number of classes.
 */
@Command(name = "htb", mixinStandardHelpOptions = true,
    description = "htb with 10,000 classes versus 100: simulated packets per wall second.")
public final class HtbBench implements Callable<Integer> {

  private static final long LINE_BPS = 10_000_000_000L;
  private static final int SIZE = 1000;
  private static final int QUEUED = 40_000;

  /** The figures of a round that the machine's speed sets: their medians compare. */
  private static final List<String> TIMED =
      List.of("wallMs", "packetsPerSec", "cpuMs", "packetsPerCpuSec");

  @Option(names = "--classes", defaultValue = "10000", description = "Leaf classes (default: ${DEFAULT-VALUE}).")
  int classes;

  @Option(names = "--baseline-classes", defaultValue = "100",
      description = "Leaf classes of the baseline (default: ${DEFAULT-VALUE}).")
  int baselineClasses;

  @Option(names = "--packets", defaultValue = "2000000",
      description = "Packets sent per round (default: ${DEFAULT-VALUE}).")
  long packets;

  @Option(names = "--repeat", defaultValue = "3", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--json", description = "JSON line (the default output is the same).")
  boolean json;

  @Override
  public Integer call() {
    return Main.guard(() -> {
      BenchOptions.atLeast("--classes", classes, 1);
      BenchOptions.atLeast("--baseline-classes", baselineClasses, 1);
      // The leaves are 1:1 upwards under 1:ffff; a class minor is 16 bits.
      String minors = "the leaves are classes 1:1 to 1:fffe, under 1:ffff";
      BenchOptions.atMost("--classes", classes, 0xfffe, minors);
      BenchOptions.atMost("--baseline-classes", baselineClasses, 0xfffe, minors);
      BenchOptions.atLeast("--packets", packets, 1);
      BenchOptions.atLeast("--repeat", repeat, 1);
      round(classes, Math.min(packets, 200_000));
      round(baselineClasses, Math.min(packets, 200_000));
      List<Map<String, Object>> big = new ArrayList<>();
      List<Map<String, Object>> small = new ArrayList<>();
      for (int i = 0; i < repeat; i++) {
        big.add(round(classes, packets));
        small.add(round(baselineClasses, packets));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", "htb");
      m.putAll(ScaleBench.medianOf(big, TIMED));
      Map<String, Object> base = ScaleBench.medianOf(small, TIMED);
      m.put("baseline", base);
      double ratio = ((Number) m.get("packetsPerSec")).doubleValue()
          / ((Number) base.get("packetsPerSec")).doubleValue();
      m.put("ratio", Math.round(ratio * 1000) / 1000.0);
      double cpuRatio = ((Number) m.get("packetsPerCpuSec")).doubleValue()
          / ((Number) base.get("packetsPerCpuSec")).doubleValue();
      m.put("cpuRatio", Math.round(cpuRatio * 1000) / 1000.0);
      m.put("goalPacketsPerSec", 1_000_000);
      m.put("met", ((Number) m.get("packetsPerSec")).longValue() >= 1_000_000);
      m.put("metPerCpuSec", ((Number) m.get("packetsPerCpuSec")).longValue() >= 1_000_000);
      m.put("cores", Runtime.getRuntime().availableProcessors());
      m.put("load", ScaleBench.load());
      System.out.println(new ObjectMapper().writeValueAsString(m));
      System.out.flush();
      return 0;
    });
  }

  /** One round: set up {@code n} backlogged classes, then send {@code count} packets. */
  static Map<String, Object> round(int n, long count) {
    NetStack stack = new NetStack(new SplitMixRandom(1), 8);
    NetShell shell = new NetShell(stack);
    stack.addNic("eth0", 1, 1, LINE_BPS / 1_000_000);
    int depth = Math.max(1, QUEUED / n);
    ok(shell, "ip link set dev eth0 up");
    ok(shell, "ip link set dev eth0 txqueuelen " + 2 * depth);
    ok(shell, "tc qdisc add dev eth0 root handle 1: htb default ffff");
    ok(shell, "tc class add dev eth0 parent 1: classid 1:ffff htb rate 10gbit ceil 10gbit");
    long share = Math.max(8_000, LINE_BPS / n);
    for (int i = 1; i <= n; i++) {
      ok(shell, "tc class add dev eth0 parent 1:ffff classid 1:" + Integer.toHexString(i)
          + " htb rate " + share + "bit ceil 10gbit burst 15k cburst 15k quantum 15000");
    }
    Qdisc root = stack.namespace().device("eth0").qdisc();
    long wireNs = SIZE * 8L * 1_000_000_000L / LINE_BPS;
    long id = 0;
    for (int k = 0; k < depth; k++) {
      for (int i = 1; i <= n; i++) {
        stack.transmit("eth0", packet(++id, i), 0);
      }
    }
    long now = 0;
    long sent = 0;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long cpuStart = cpu.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    while (sent < count) {
      Packet p = stack.dequeue("eth0", 0, now);
      if (p != null) {
        sent++;
        now += wireNs;
        stack.transmit("eth0", packet(++id, p.priority() & 0xFFFF), now);
      } else {
        now = Math.max(now + 1, root.watchdog().expiresNs());
      }
    }
    long wallNs = System.nanoTime() - start;
    long cpuNs = cpu.getCurrentThreadCpuTime() - cpuStart;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("classes", n);
    r.put("packets", sent);
    r.put("backlog", root.qlen());
    r.put("dropped", root.drops());
    r.put("simulatedMs", now / 1_000_000);
    r.put("wallMs", wallNs / 1_000_000);
    r.put("packetsPerSec", Math.round(sent * 1e9 / wallNs));
    // On a loaded machine the thread's CPU time says what the work costs, whatever it waited.
    r.put("cpuMs", cpuNs / 1_000_000);
    r.put("packetsPerCpuSec", Math.round(sent * 1e9 / cpuNs));
    return r;
  }

  /** A 1000-byte UDP packet that skb->priority puts in class 1:{@code minor}. */
  private static Packet packet(long id, int minor) {
    Packet p = Packet.udp(id, SIZE, 0xC0000201, 0xC0000263, 40000, 9);
    p.setPriority(0x10000 | minor);
    return p;
  }

  private static void ok(NetShell shell, String line) {
    ShellResult r = shell.exec(line, 0);
    if (r.exit() != 0) {
      throw new IllegalStateException(line + ": " + r.stderr());
    }
  }
}

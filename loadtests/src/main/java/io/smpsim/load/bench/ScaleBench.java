package io.smpsim.load.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.app.cli.ExitCodes;
import io.smpsim.app.cli.Main;
import io.smpsim.app.run.Simulation;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioException;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.sim.TraceHash;
import io.smpsim.sim.engine.RunReply;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code smpsim bench scale}: what the engine promises at scale, as machine-readable lines. Each
 * case prints one JSON object per measured configuration and one summary object with the ratio
 * it is judged by, measured in the same run (these machines are noisy; ratios and medians
 * are what compare). The cases:
 *
 * <ul>
 *   <li>{@code cluster-sparse}: scenarios/backtrace-4096.conf on 1 and on 3 in-JVM nodes;
 *   <li>{@code cluster-fleet}: 8 machines of 4,096 CPUs, boot and an all-CPU backtrace on each,
 *       on 1 and 3 nodes (whole machines per node, so the work divides);
 *   <li>{@code startup}: scenarios/boot.conf and the fleet, each in a fresh JVM
 *       ({@code bin/smpsim run}): JVM start to the first window, and the whole command;
 *   <li>{@code memory}: the fleet's heap per simulated CPU;
 *   <li>{@code phold}: PHOLD on 10,000 entities next to raw Pekko;
 *   <li>{@code million}: 128 machines of 8,192 CPUs (1,048,576 CPUs), boot and one backtrace,
 *       in a fresh JVM with its heap fixed at 22 GiB, {@code -Xmx22g -Xms22g} (only with
 *       {@code --million}: it takes minutes and most of the machine's memory).
 * </ul>
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
    description = "The engine's scale figures: cluster speed-up, start-up, memory, PHOLD, and"
        + " (with --million) a million CPUs. One JSON object per line.")
public final class ScaleBench implements Callable<Integer> {

  /** Every case, in the order they run. */
  static final List<String> CASES =
      List.of("cluster-sparse", "cluster-fleet", "startup", "memory", "phold", "million");

  @Option(names = "--only", split = ",", description = "Cases to run (default: all but million).")
  List<String> only;

  @Option(names = "--million", description = "Also run the million-CPU case.")
  boolean million;

  @Option(names = "--repeat", defaultValue = "3",
      description = "Measured repetitions per configuration (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--json", description = "JSON lines (the default output is the same).")
  boolean json;

  @Option(names = "--root", defaultValue = ".", description = "The smpsim checkout (bin/, scenarios/).")
  Path root;

  private static ObjectMapper json() {
    return new ObjectMapper();
  }

  @Override
  public Integer call() {
    return Main.guard(() -> {
      Set<String> cases = only != null ? Set.copyOf(only)
          : million ? Set.copyOf(CASES) : Set.copyOf(CASES.subList(0, CASES.size() - 1));
      for (String c : cases) {
        if (!CASES.contains(c)) {
          throw new ScenarioException("--only: no case '" + c + "'; the cases are "
              + String.join(", ", CASES));
        }
      }
      BenchOptions.atLeast("--repeat", repeat, 1);
      List<String> run = CASES.stream().filter(cases::contains).toList();
      printMachine();
      if (cases.contains("cluster-sparse")) {
        begin("cluster-sparse", run, "");
        compareNodes("cluster-sparse",
            Files.readString(root.resolve("scenarios/backtrace-4096.conf")), 1.5, null);
      }
      if (cases.contains("cluster-fleet")) {
        begin("cluster-fleet", run, "");
        compareNodes("cluster-fleet", fleet(8, 4096, 8), 1.0, "NMI backtrace for cpu");
      }
      if (cases.contains("startup")) {
        begin("startup", run, "");
        startup();
      }
      if (cases.contains("memory")) {
        begin("memory", run, "");
        Map<String, Object> r = measure("memory", fleet(8, 4096, 8), "fleet-8x4096", 1, true,
            null);
        r.put("goalHeapBytesPerCpu", 16_384);
        r.put("met", ((Number) r.get("heapBytesPerCpu")).longValue() <= 16_384);
        print(r);
      }
      if (cases.contains("phold")) {
        begin("phold", run, "");
        Map<String, Object> r = new PholdBench().runDefault(repeat);
        r.put("name", "phold");
        r.put("goalRatio", 1.5);
        r.put("goalEventsPerSec", 3_000_000);
        print(r);
      }
      if (cases.contains("million")) {
        begin("million", run, ": a fresh JVM with a 22 GiB heap, about two minutes on two cores");
        try (BenchScratch scratch = BenchScratch.create()) {
          Path file = scratch.write("million.conf", fleet(128, 8192, 1));
          // The heap is sized up front: grown on demand, ParallelGC grows it by full
          // collections (11 of them, 42 s of a 53 s start-up, on the million's 9 GB of live
          // state).
          Map<String, Object> r = freshJvm(scratch, "million", List.of("-Xmx22g", "-Xms22g"),
              file, "NMI backtrace for cpu");
          r.put("name", "million");
          print(r);
        }
      }
      return ExitCodes.OK;
    });
  }

  /**
   * Says on stderr which case runs now: the JSON lines on stdout come only as each case ends, a
   * minute or more apart.
   */
  private static void begin(String name, List<String> run, String what) {
    System.err.println("smpsim bench scale: " + name + " (" + (run.indexOf(name) + 1) + " of "
        + run.size() + ")" + what + "...");
  }

  /**
   * A scenario of {@code machines} machines of {@code cpus} CPUs each, every machine its own
   * placement group, with an all-CPU backtrace on each of the first {@code backtraces} once
 * they are up (6 s for 4,096 CPUs, 11 s for 8,192).
   */
  public static String fleet(int machines, int cpus, int backtraces) {
    // The APs come up one after the other, about 1.1 ms each after the BSP's first half
    // second: the backtrace waits until every machine is up.
    long at = (600 + cpus * 11L / 10) / 1000 + 2;
    StringBuilder b = new StringBuilder("seed = 1\nduration = " + (at + 1)
        + "s\nmachines = [\n");
    for (int m = 0; m < machines; m++) {
      b.append("  { name = m").append(m).append(", cpus = ").append(cpus)
          .append(", hz = 250, dynticks = true, cmdline = \"console=ttyS0\" }\n");
    }
    b.append("]\ntimeline = [\n");
    for (int m = 0; m < backtraces; m++) {
      b.append("  { at = ").append(at).append("s, on = m").append(m)
          .append(", run = \"echo l > /proc/sysrq-trigger\" }\n");
    }
    return b.append("]\n").toString();
  }

  /**
   * Runs a scenario on 1 and on 3 in-JVM nodes, {@code repeat} times each alternating, and
   * prints each configuration's medians and the ratio of the 3-node to the 1-node wall time.
   */
  private void compareNodes(String name, String scenario, double goal, String count)
      throws Exception {
    List<Map<String, Object>> one = new ArrayList<>();
    List<Map<String, Object>> three = new ArrayList<>();
    // A warm-up of each, not measured: the first run of a JVM pays for its JIT.
    measure(name, scenario, name, 1, false, count);
    measure(name, scenario, name, 3, false, count);
    for (int r = 0; r < repeat; r++) {
      one.add(measure(name, scenario, name, 1, false, count));
      three.add(measure(name, scenario, name, 3, false, count));
    }
    Map<String, Object> m1 = medianOf(one);
    Map<String, Object> m3 = medianOf(three);
    print(m1);
    print(m3);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", name);
    s.put("summary", true);
    double ratio = ((Number) m3.get("wallMs")).doubleValue()
        / Math.max(1, ((Number) m1.get("wallMs")).doubleValue());
    s.put("ratioWallMs3to1", round(ratio));
    s.put("goal", goal);
    s.put("met", ratio <= goal);
    s.put("sameTraceHash", m1.get("traceHash").equals(m3.get("traceHash"))
        && one.stream().allMatch(x -> x.get("traceHash").equals(m1.get("traceHash")))
        && three.stream().allMatch(x -> x.get("traceHash").equals(m1.get("traceHash"))));
    s.put("load", load());
    print(s);
  }

  /** Runs a scenario in this JVM and returns its figures. */
  private Map<String, Object> measure(String name, String text, String origin, int nodes,
      boolean heap, String count) throws Exception {
    ScenarioLoader loader = new ScenarioLoader();
    Scenario sc = loader.load(text, origin, null, null);
    long cpus = sc.machines().stream().mapToLong(MachineConfig::cpus).sum();
    long before = heap ? usedHeap() : 0;
    resetPeaks();
    long[] counted = {0};
    long t0 = System.nanoTime();
    Map<String, Object> m = new LinkedHashMap<>();
    try (Simulation sim = Simulation.start(sc, loader, nodes)) {
      long startupMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      long t1 = System.nanoTime();
      RunReply.Paused p = null;
      while (p == null || p.now() < sc.durationNs()) {
        p = sim.client().runUntil(sc.durationNs(), o -> {
          if (count != null && o.output() instanceof KernelLog l) {
            counted[0] += l.lines().stream().filter(x -> x.text().startsWith(count)).count();
          }
        }, null);
      }
      long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
      long retained = heap ? usedHeap() - before : 0;
      sim.client().finish(o -> { });
      m.put("name", name);
      m.put("nodes", nodes);
      m.put("cpus", cpus);
      m.put("entities", sim.started().entities());
      m.put("events", p.events());
      m.put("windows", p.windows());
      m.put("epochs", p.epochs());
      m.put("wallMs", wallMs);
      m.put("startupMs", startupMs);
      m.put("eventsPerSec", wallMs == 0 ? 0 : p.events() * 1000 / wallMs);
      m.put("peakHeapBytes", peakHeap());
      if (heap) {
        m.put("heapBytesPerCpu", retained / Math.max(1, cpus));
      }
      if (count != null) {
        m.put("counted", count);
        m.put("count", counted[0]);
      }
      m.put("traceHash", TraceHash.hex(p.traceHash()));
    }
    return m;
  }

  /** boot.conf and the fleet, each in a fresh JVM: what a user waits for. */
  private void startup() throws Exception {
    try (BenchScratch scratch = BenchScratch.create()) {
      startup(scratch, scratch.write("fleet.conf", fleet(8, 4096, 8)));
    }
  }

  private void startup(BenchScratch scratch, Path fleetFile) throws Exception {
    for (Object[] c : new Object[][] {
        {"startup-boot", root.resolve("scenarios/boot.conf"), 1_500L, 2_500L},
        {"startup-fleet", fleetFile, 4_000L, null}}) {
      List<Map<String, Object>> runs = new ArrayList<>();
      for (int r = 0; r < repeat; r++) {
        runs.add(freshJvm(scratch, (String) c[0], List.of(), (Path) c[1], null));
      }
      Map<String, Object> m = medianOf(runs);
      m.put("name", c[0]);
      m.put("goalStartupMs", c[2]);
      boolean met = ((Number) m.get("startupMs")).longValue() <= (Long) c[2];
      if (c[3] != null) {
        m.put("goalCommandMs", c[3]);
        met &= ((Number) m.get("commandMs")).longValue() <= (Long) c[3];
      }
      m.put("met", met);
      m.put("load", load());
      print(m);
    }
  }

  /**
   * Runs {@code bin/smpsim run FILE --out DIR} in a fresh JVM and returns its summary's figures
   * plus {@code commandMs}, the whole command's wall time as this process saw it. Its files go
   * in a directory of {@code scratch}, removed once read; a failed run keeps them all.
   */
  private Map<String, Object> freshJvm(BenchScratch scratch, String name,
      List<String> jvmOptions, Path file, String count) throws Exception {
    // The run's --out must be new or empty: the command's own streams go beside it.
    Path dir = scratch.newDir(name + "-");
    Path out = dir.resolve("out");
    List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/smpsim").toString(), "run",
        file.toString(), "--out", out.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectError(dir.resolve("stderr.log").toFile());
    pb.environment().put("SMPSIM_JAVA_OPTS", String.join(" ", jvmOptions));
    Path log = dir.resolve("stdout.log");
    pb.redirectOutput(log.toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    int exit = p.waitFor();
    long commandMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    if (exit != 0) {
      scratch.keep();
      List<String> err = Files.readAllLines(dir.resolve("stderr.log"));
      throw new IllegalStateException(name + ": " + cmd + " exited " + exit + " (its output"
          + " is kept in " + dir + "):\n"
          + String.join("\n", err.subList(Math.max(0, err.size() - 20), err.size())));
    }
    Map<String, Object> summary = json().readValue(out.resolve("summary.json").toFile(),
        LinkedHashMap.class);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("nodes", summary.get("nodes"));
    m.put("events", summary.get("events"));
    m.put("windows", summary.get("windows"));
    m.put("epochs", summary.get("epochs"));
    m.put("wallMs", summary.get("wallMs"));
    m.put("startupMs", summary.get("startupMs"));
    m.put("commandMs", commandMs);
    m.put("peakHeapBytes", summary.get("peakHeapBytes"));
    m.put("traceHash", summary.get("traceHash"));
    if (count != null) {
      m.put("counted", count);
      try (var lines = Files.lines(log)) {
        m.put("count", lines.filter(l -> l.contains(count)).count());
      }
    }
    BenchScratch.delete(dir);
    return m;
  }

  /** The figures of a configuration that vary from round to round: their medians compare. */
  private static final List<String> TIMED = List.of("wallMs", "startupMs", "commandMs",
      "peakHeapBytes", "eventsPerSec", "heapBytesPerCpu");

  private static Map<String, Object> medianOf(List<Map<String, Object>> runs) {
    return medianOf(runs, TIMED);
  }

  /**
   * The first round's fields with each of {@code keys} the rounds measured replaced by its median
   * over them, and {@code key + "Runs"} the rounds' values, sorted; {@code repeat} the count.
   */
  static Map<String, Object> medianOf(List<Map<String, Object>> runs, List<String> keys) {
    Map<String, Object> m = new LinkedHashMap<>(runs.get(0));
    for (String k : keys) {
      if (m.get(k) instanceof Number) {
        List<Long> xs = new ArrayList<>();
        for (Map<String, Object> r : runs) {
          xs.add(((Number) r.get(k)).longValue());
        }
        Collections.sort(xs);
        m.put(k, xs.get(xs.size() / 2));
        m.put(k + "Runs", List.copyOf(xs));
      }
    }
    m.put("repeat", runs.size());
    return m;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** The sum of the heap pools' peaks since the last reset. */
  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** The heap in use after a few collections: what the objects alive now take. */
  static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }

  /** The machine's load average over the last minute, as /proc/loadavg says. */
  static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private void printMachine() throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "machine");
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    m.put("java", System.getProperty("java.version"));
    m.put("load", load());
    print(m);
  }

  private void print(Map<String, Object> m) throws IOException {
    System.out.println(json().writeValueAsString(m));
    System.out.flush();
  }
}

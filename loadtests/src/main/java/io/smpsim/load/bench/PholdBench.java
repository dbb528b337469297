package io.smpsim.load.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.smpsim.app.cli.DurationConverter;
import io.smpsim.app.cli.ExitCodes;
import io.smpsim.app.cli.Main;
import io.smpsim.load.baseline.RawPhold;
import io.smpsim.load.phold.PholdModel;
import io.smpsim.load.phold.PholdParams;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.engine.EmbeddedCluster;
import io.smpsim.sim.engine.RunClient;
import io.smpsim.sim.engine.RunReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code smpsim bench phold}: PHOLD on the engine next to the raw-Pekko baseline passing the same
 * number of messages in the same pattern, in one JVM, alternating, after a warm-up of each. The
 * figures are medians of the rounds; the ratio is what a noisy machine can still compare.
 */
@Command(name = "phold", mixinStandardHelpOptions = true,
    description = "PHOLD on the engine versus a raw-Pekko baseline; prints events/s and the ratio.")
public final class PholdBench implements Callable<Integer> {

  @Option(names = "--entities", defaultValue = "10000", description = "Processes (default: ${DEFAULT-VALUE}).")
  int entities;

  @Option(names = "--events-per-entity", defaultValue = "16",
      description = "Events each process starts with (default: ${DEFAULT-VALUE}).")
  int eventsPerEntity;

  @Option(names = "--remote", defaultValue = "0.9",
      description = "Fraction of events sent to a random process (default: ${DEFAULT-VALUE}).")
  double remote;

  @Option(names = "--mean-delay", defaultValue = "100ns", converter = DurationConverter.class,
      description = "Mean of the exponential delay added to L (default: ${DEFAULT-VALUE}).")
  long meanDelay;

  @Option(names = "--lookahead", defaultValue = "100ns", converter = DurationConverter.class,
      description = "L (default: ${DEFAULT-VALUE}).")
  long lookahead;

  @Option(names = "--duration", defaultValue = "20us", converter = DurationConverter.class,
      description = "Simulated time per round (default: ${DEFAULT-VALUE}).")
  long duration;

  @Option(names = "--nodes", defaultValue = "1", description = "In-JVM cluster nodes (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--repeat", defaultValue = "3", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--seed", defaultValue = "7", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    return Main.guard(() -> {
      BenchOptions.atLeast("--entities", entities, 1);
      BenchOptions.atLeast("--events-per-entity", eventsPerEntity, 1);
      BenchOptions.between("--remote", remote, 0, 1);
      BenchOptions.atLeast("--lookahead", lookahead, 1);
      BenchOptions.atLeast("--duration", duration, 1);
      BenchOptions.atLeast("--repeat", repeat, 1);
      Main.checkNodes(nodes);
      PholdParams params = new PholdParams(entities, eventsPerEntity, remote, meanDelay,
          Math.max(nodes * 20, 60));
      Map<String, Object> result = run(params, lookahead, duration);
      if (json) {
        System.out.println(new ObjectMapper().writeValueAsString(result));
      } else {
        result.forEach((k, v) -> System.out.println(k + ": " + v));
      }
      return ExitCodes.OK;
    });
  }

  /** The default configuration, {@code repeat} rounds: the figures as a map. */
  Map<String, Object> runDefault(int rounds) throws Exception {
    repeat = rounds;
    entities = 10_000;
    eventsPerEntity = 16;
    remote = 0.9;
    nodes = 1;
    seed = 7;
    PholdParams params = new PholdParams(entities, eventsPerEntity, remote, 100, 60);
    return run(params, 100, 20_000);
  }

  private String scenario(PholdParams p, long l) {
    return "model = phold\nlookahead = " + l + "ns\nduration = 1s\nseed = " + seed + "\n"
        + "phold { entities = " + p.entities() + ", events-per-entity = " + p.eventsPerEntity()
        + ", remote = " + p.remote() + ", mean-delay = " + p.meanDelayNs() + "ns, groups = "
        + p.groups() + " }\n";
  }

  private Map<String, Object> run(PholdParams p, long l, long dur) throws Exception {
    List<Double> engine = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    List<Double> heap = new ArrayList<>();
    List<Double> engineCpu = new ArrayList<>();
    List<Double> baselineCpu = new ArrayList<>();
    long events = 0;
    long windows = 0;
    WorldSpec spec = new WorldSpec(PholdModel.NAME, scenario(p, l), "bench", seed);
    try (EmbeddedCluster cluster = EmbeddedCluster.start(nodes, ConfigFactory.empty(),
        List.of(new PholdModel().factory()), Duration.ofMinutes(2))) {
      RunClient client = cluster.client(Duration.ofMinutes(5));
      ActorSystem<Void> base = ActorSystem.create(Behaviors.empty(), "baseline",
          EmbeddedCluster.nodeConfig(ConfigFactory.parseString(
              "pekko.actor.provider = local\npekko.actor.serialize-messages = off")));
      try {
        RawPhold raw = new RawPhold(base);
        // Warm-up: one short round of each, not measured.
        engineRound(client, spec, l, dur / 4, new long[4]);
        raw.run(p, seed, 4, 0);
        for (int r = 0; r < repeat; r++) {
          long[] figures = new long[4];
          double heapPerEntity = engineRound(client, spec, l, dur, figures);
          events = figures[0];
          windows = figures[2];
          engine.add(figures[0] * 1e9 / figures[1]);
          engineCpu.add(figures[0] * 1e9 / figures[3]);
          heap.add(heapPerEntity);
          long tokens = (long) p.entities() * p.eventsPerEntity();
          int hops = (int) Math.max(1, events / tokens - 1);
          long cpu0 = processCpuNs();
          RawPhold.Result b = raw.run(p, seed, hops, r + 1);
          baseline.add(b.messagesPerSec());
          baselineCpu.add(b.messages() * 1e9 / Math.max(1, processCpuNs() - cpu0));
        }
      } finally {
        base.terminate();
      }
    }
    double e = median(engine);
    double b = median(baseline);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("benchmark", "phold");
    m.put("entities", p.entities());
    m.put("eventsPerEntity", p.eventsPerEntity());
    m.put("remote", p.remote());
    m.put("meanDelayNs", p.meanDelayNs());
    m.put("lookaheadNs", l);
    m.put("nodes", nodes);
    m.put("rounds", repeat);
    m.put("events", events);
    m.put("windows", windows);
    m.put("eventsPerWindow", windows == 0 ? 0 : events / windows);
    m.put("eventsPerSec", Math.round(e));
    m.put("baselineMsgsPerSec", Math.round(b));
    m.put("ratio", Math.round(e / b * 1000) / 1000.0);
    m.put("heapBytesPerEntity", Math.round(median(heap)));
    // Per CPU-second of the whole process (GC and compiler included): on a loaded machine the
    // wall-clock figures measure the neighbours, these the code.
    m.put("eventsPerCpuSec", Math.round(median(engineCpu)));
    m.put("baselineMsgsPerCpuSec", Math.round(median(baselineCpu)));
    m.put("cpuRatio", Math.round(median(engineCpu) / median(baselineCpu) * 1000) / 1000.0);
    m.put("eventsPerSecRounds", engine.stream().map(Math::round).toList());
    m.put("baselineMsgsPerSecRounds", baseline.stream().map(Math::round).toList());
    return m;
  }

  /** One engine round; fills events, wall ns, windows, CPU ns; returns heap bytes per entity. */
  private double engineRound(RunClient client, WorldSpec spec, long l, long dur, long[] out) {
    long before = ScaleBench.usedHeap();
    RunReply.Started started = client.start(spec, l, nodes);
    double perEntity = (ScaleBench.usedHeap() - before) / (double) started.entities();
    long cpu0 = processCpuNs();
    long t0 = System.nanoTime();
    RunReply.Paused p = client.runUntil(dur, o -> { }, null);
    long wall = System.nanoTime() - t0;
    out[3] = Math.max(1, processCpuNs() - cpu0);
    client.finish(o -> { });
    out[0] = p.events();
    out[1] = wall;
    out[2] = p.windows();
    return perEntity;
  }

  private static long processCpuNs() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}

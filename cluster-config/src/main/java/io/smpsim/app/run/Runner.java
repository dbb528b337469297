package io.smpsim.app.run;

import io.smpsim.app.cluster.PlacementReport;
import io.smpsim.app.cluster.RunTarget;
import io.smpsim.app.report.RunReport;
import io.smpsim.app.scenario.Expectation;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.panic.PanicReport;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.Printk;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.sim.OutputRecord;
import io.smpsim.sim.checkpoint.CheckpointDir;
import io.smpsim.sim.engine.ResumePoint;
import io.smpsim.sim.engine.RunAbortedException;
import io.smpsim.sim.engine.RunReply;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code smpsim run} and {@code smpsim resume}: runs a scenario to its end (taking checkpoints if
 * asked), prints the kernel log, and with an output directory writes {@code summary.json},
 * {@code dmesg-<machine>.log} and {@code commands.log}.
 */
public final class Runner {

  private final ScenarioLoader loader;
  private boolean console;
  private boolean quiet;

  public Runner(ScenarioLoader loader) {
    this.loader = loader;
  }

  /**
   * Prints the run as a console shows it: besides the kernel log, each timeline command
   * ({@code m0# tc -s qdisc show dev eth0}) with what it printed, when it is done. Otherwise
   * stdout is the kernel log alone (the golden files' form) and failed commands are noted on
   * stderr.
   */
  public Runner console(boolean on) {
    this.console = on;
    return this;
  }

  /** No progress line: only the log on stdout, and on stderr what went wrong. */
  public Runner quiet(boolean on) {
    this.quiet = on;
    return this;
  }

  /**
   * Runs {@code scenario} on {@code nodes} in-JVM nodes.
   *
   * @param out where the kernel log goes (stdout)
   * @param err where failed timeline commands and progress go (stderr)
   * @param outDir where to write the run's files, or null
   */
  public RunSummary run(Scenario scenario, int nodes, PrintStream out, PrintStream err,
      Path outDir) {
    return run(scenario, RunTarget.embedded(nodes), Checkpointing.none(), false, out, err,
        outDir);
  }

  /**
   * Runs {@code scenario} on {@code target}, from the start or from a checkpoint.
   *
   * @param checkpoints whether to take checkpoints, or to resume one (whose earlier outputs are
   *     then printed and written first, so the log is the whole run's)
   * @param showPlacement whether to print which node hosts what on stderr
   * @param out where the kernel log goes (stdout)
   * @param err where failed timeline commands, progress and the placement go (stderr)
   * @param outDir where to write the run's files, or null
   */
  public RunSummary run(Scenario scenario, RunTarget target, Checkpointing checkpoints,
      boolean showPlacement, PrintStream out, PrintStream err, Path outDir) {
    List<String> names = scenario.machines().stream().map(MachineConfig::name).toList();
    LogPrinter printer = new LogPrinter(out, names);
    List<String> commands = new ArrayList<>();
    int[] failures = {0};
    List<String> unexpected = new ArrayList<>();
    List<String> panicked = new ArrayList<>();
    Progress progress = Progress.enabled() && !quiet
        ? new Progress(err, scenario.durationNs()) : null;
    RunReport report = outDir == null ? null : new RunReport(scenario.machines());
    java.util.function.Consumer<OutputRecord> sink = o -> {
      if (progress != null) {
        progress.clear();
      }
      if (report != null) {
        report.observe(o);
      }
      if (o.output() instanceof KernelLog log) {
        printer.print(log);
      } else if (o.output() instanceof PanicReport p) {
        if (!panicked.contains(p.machine())) {
          panicked.add(p.machine());
        }
        err.println("smpsim: " + p.machine() + " panicked at "
            + Printk.timestamp(o.time()).trim() + ": " + p.message());
      } else if (o.output() instanceof CommandResult r) {
        commands.add(describe(o.time(), r));
        if (console) {
          out.print(asTyped(r));
        }
        if (r.exit() != 0) {
          failures[0]++;
        }
        Expectation expected = scenario.expectation(r.requestId());
        boolean asExpected = expected == null || expected.met(r.exit());
        if (!asExpected) {
          unexpected.add(expected.origin() + " " + r.machine() + " '" + r.line() + "' exited "
              + r.exit() + ", expected " + expected.describe() + (r.stderr().isBlank() ? ""
                  : ": " + r.stderr().strip().lines().findFirst().orElse("")));
        }
        // A failure the scenario marked as expected (a demonstration of an error) is no news.
        if (r.exit() != 0 && !console && !asExpected) {
          err.print("smpsim: " + r.machine() + " at " + Printk.timestamp(o.time()).trim()
              + " '" + r.line() + "' exited " + r.exit() + ": " + r.stderr()
              + (r.stderr().endsWith("\n") ? "" : "\n"));
        }
      }
    };
    CheckpointDir cps = checkpoints.enabled() ? checkpoints.open(sink) : null;
    if (progress != null) {
      long cpus = scenario.machines().stream().mapToLong(MachineConfig::cpus).sum();
      progress.starting((checkpoints.resume() ? "resuming" : "starting") + " "
          + names.size() + " machine(s), " + cpus + " CPU(s)" + (target.remote()
              ? " on the cluster at " + String.join(",", target.seeds())
              : " on " + (target.nodes() == null ? 1 : target.nodes()) + " node(s)"));
    }
    try (Simulation sim = checkpoints.resume()
        ? Simulation.resume(scenario, loader, target, cps)
        : Simulation.start(scenario, loader, target)) {
      if (progress != null) {
        progress.started(sim.started().now());
      }
      if (showPlacement) {
        err.print(PlacementReport.format(sim.world(), sim.started().placement()));
        err.flush();
      }
      java.util.function.Consumer<OutputRecord> live = cps == null ? sink : cps.recording(sink);
      RunReply.Paused last = null;
      try {
        while (last == null || last.now() < scenario.durationNs()) {
          long every = checkpoints.everyNs();
          long pauseAt = every > 0 ? (sim.client().now() / every + 1) * every : Long.MAX_VALUE;
          last = sim.client().runUntil(scenario.durationNs(), pauseAt, live, progress);
          if (cps != null && last.now() >= pauseAt && last.now() < scenario.durationNs()) {
            sim.client().saveCheckpoint(cps.begin(scenario.worldSpec(), scenario.lookaheadNs(),
                new ResumePoint(last.now(), last.windows(), last.events(), last.traceHash()),
                sim.nodes(), sim.started().entities(), Checkpointing.self(),
                Checkpointing.appSettings(scenario.durationNs(), every)));
          }
        }
      } finally {
        if (progress != null) {
          progress.clear();
        }
        out.flush();
        if (outDir != null) {
          writeLogs(outDir, printer.logs(), commands, sim.client().now());
        }
      }
      RunReply.Finished f = sim.client().finish(sink);
      long wall = sim.wallMs();
      RunSummary summary = new RunSummary(scenario.origin(), scenario.model(), scenario.seed(),
          sim.nodes(), f.now(), f.events(), f.windows(), f.epochs(), sim.startupMs(), wall,
          peakHeap(), f.traceHash(),
          sim.started().entities(), sim.started().entitiesPerNode(), names, failures[0],
          List.copyOf(panicked), List.copyOf(unexpected));
      if (outDir != null) {
        write(outDir.resolve("summary.json"), summary.toJson(), f.now());
        for (Map.Entry<String, String> file : report.files(scenario.origin(), facts(summary),
            f.now()).entrySet()) {
          write(outDir.resolve(file.getKey()), file.getValue(), f.now());
        }
      }
      return summary;
    } finally {
      if (cps != null) {
        cps.close();
      }
    }
  }

  /** The figures at the top of the report. */
  private static Map<String, String> facts(RunSummary s) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("scenario", s.scenario());
    m.put("seed", String.valueOf(s.seed()));
    m.put("nodes", String.valueOf(s.nodes()));
    m.put("simulated", String.format(java.util.Locale.ROOT, "%.6f s", s.simulatedNs() / 1e9));
    m.put("events", String.valueOf(s.events()));
    m.put("trace hash", io.smpsim.sim.TraceHash.hex(s.traceHash()));
    m.put("wall time", s.wallMs() + " ms");
    m.put("machines", String.join(", ", s.machines()));
    m.put("panicked", s.panicked().isEmpty() ? "none" : String.join(", ", s.panicked()));
    m.put("unexpected command exits", String.valueOf(s.unexpected().size()));
    return m;
  }

  /** The sum of this JVM's heap pools' peaks. */
  private static long peakHeap() {
    long sum = 0;
    for (java.lang.management.MemoryPoolMXBean pool
        : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** A timeline command as its machine's console shows it: the prompt, the line, the output. */
  private static String asTyped(CommandResult r) {
    StringBuilder b = new StringBuilder();
    b.append(r.machine()).append("# ").append(r.line()).append('\n');
    for (String text : List.of(r.stdout(), r.stderr())) {
      b.append(text);
      if (!text.isEmpty() && !text.endsWith("\n")) {
        b.append('\n');
      }
    }
    return b.toString();
  }

  private static String describe(long time, CommandResult r) {
    StringBuilder b = new StringBuilder();
    b.append(r.machine()).append(' ').append(Printk.timestamp(time)).append("$ ")
        .append(r.line()).append('\n').append(r.stdout());
    if (!r.stdout().isEmpty() && !r.stdout().endsWith("\n")) {
      b.append('\n');
    }
    b.append(r.stderr());
    if (!r.stderr().isEmpty() && !r.stderr().endsWith("\n")) {
      b.append('\n');
    }
    b.append("[exit ").append(r.exit()).append("]\n");
    return b.toString();
  }

  private static void writeLogs(Path dir, Map<String, List<String>> logs, List<String> commands,
      long now) {
    for (Map.Entry<String, List<String>> e : logs.entrySet()) {
      StringBuilder b = new StringBuilder();
      for (String line : e.getValue()) {
        b.append(line).append('\n');
      }
      write(dir.resolve("dmesg-" + e.getKey() + ".log"), b.toString(), now);
    }
    if (!commands.isEmpty()) {
      write(dir.resolve("commands.log"), String.join("", commands), now);
    }
  }

  /**
   * Writes a file atomically: a reader never sees half of it. The output directory was checked
   * before the run; if it fails now (a full disk, say), the run stops with exit 3 and the
   * reason, not as a bug.
   */
  static void write(Path file, String text, long now) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new RunAbortedException("cannot write " + file + ": " + (e.getMessage() == null
          ? e.getClass().getSimpleName() : e.getMessage()), 3, now);
    }
  }
}

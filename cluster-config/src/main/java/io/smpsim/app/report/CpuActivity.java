package io.smpsim.app.report;

import io.smpsim.kernel.trace.IrqCounters;
import io.smpsim.kernel.trace.SchedSwitch;
import java.util.ArrayList;
import java.util.List;

/**
 * What one machine's CPUs ran, from the scheduler's sched_switch outputs: stretches in which a
 * CPU ran a task (busy) or ran it with interrupts disabled (irqs-off) — idle is the rest of
 * its online time — and each CPU's interrupt and NMI counters at every switch and once a
 * second of ticking, from which the report tells interrupt rates.
 */
final class CpuActivity {

  /**
   * The counters of one CPU at a context switch (and the task it switched to) or at an
   * interrupt between switches (task "").
   */
  record Sample(long timeNs, int cpu, String task, long irqs, long nmis) {}

  /**
   * A rate of interrupts on one CPU over a stretch of at least {@link #RATE_WINDOW_NS}.
   *
   * @param irqsPerSec hardware interrupts per second
   * @param nmisPerSec NMIs per second
   */
  record Rate(int cpu, long fromNs, long toNs, double irqsPerSec, double nmisPerSec) {}

  /** Rates are told over stretches at least this long, so one tick is not a burst. */
  static final long RATE_WINDOW_NS = 100_000_000L;

  private final int cpus;
  private final String[] open;
  private final long[] since;
  private final List<CpuTimeline.Span> spans = new ArrayList<>();
  private final List<Sample> samples = new ArrayList<>();

  CpuActivity(int cpus) {
    this.cpus = cpus;
    this.open = new String[cpus];
    this.since = new long[cpus];
  }

  /** A context switch on {@code s.cpu()} at {@code nowNs}. */
  void switched(long nowNs, SchedSwitch s) {
    int c = s.cpu();
    if (c < 0 || c >= cpus) {
      return;
    }
    if (open[c] != null && nowNs > since[c]) {
      spans.add(new CpuTimeline.Span(c, open[c], since[c], nowNs));
    }
    open[c] = s.next() == null ? null : s.irqsOff() ? "irqs-off" : "busy";
    since[c] = nowNs;
    samples.add(new Sample(nowNs, c, s.next() == null ? "idle" : s.next(), s.irqs(), s.nmis()));
  }

  /**
   * The busy and irqs-off stretches up to {@code endNs}, each cut to the CPU's online time in
   * {@code states} (a CPU that went offline, to sleep or panicked runs nothing).
   */
  List<CpuTimeline.Span> spans(long endNs, List<CpuTimeline.Span> states) {
    List<CpuTimeline.Span> all = new ArrayList<>(spans);
    for (int c = 0; c < cpus; c++) {
      if (open[c] != null && endNs > since[c]) {
        all.add(new CpuTimeline.Span(c, open[c], since[c], endNs));
      }
    }
    List<List<CpuTimeline.Span>> online = new ArrayList<>();
    for (int c = 0; c < cpus; c++) {
      online.add(new ArrayList<>());
    }
    for (CpuTimeline.Span s : states) {
      if (s.state().equals("online") && s.cpu() < cpus) {
        online.get(s.cpu()).add(s);
      }
    }
    List<CpuTimeline.Span> cut = new ArrayList<>();
    for (CpuTimeline.Span a : all) {
      for (CpuTimeline.Span on : online.get(a.cpu())) {
        long from = Math.max(a.fromNs(), on.fromNs());
        long to = Math.min(a.toNs(), on.toNs());
        if (to > from) {
          cut.add(new CpuTimeline.Span(a.cpu(), a.state(), from, to));
        }
      }
    }
    cut.sort(java.util.Comparator.comparingInt(CpuTimeline.Span::cpu)
        .thenComparingLong(CpuTimeline.Span::fromNs));
    return cut;
  }

  /** The counters {@code c} showed at {@code nowNs} between context switches. */
  void counters(long nowNs, IrqCounters c) {
    if (c.cpu() >= 0 && c.cpu() < cpus) {
      samples.add(new Sample(nowNs, c.cpu(), "", c.irqs(), c.nmis()));
    }
  }

  List<Sample> samples() {
    return samples;
  }

  /** Each CPU's interrupt rates between its samples, over stretches of at least 100 ms. */
  List<Rate> rates() {
    List<Rate> rates = new ArrayList<>();
    Sample[] from = new Sample[cpus];
    for (Sample s : samples) {
      Sample a = from[s.cpu()];
      if (a == null) {
        from[s.cpu()] = s;
      } else if (s.timeNs() - a.timeNs() >= RATE_WINDOW_NS) {
        double secs = (s.timeNs() - a.timeNs()) / 1e9;
        rates.add(new Rate(s.cpu(), a.timeNs(), s.timeNs(), (s.irqs() - a.irqs()) / secs,
            (s.nmis() - a.nmis()) / secs));
        from[s.cpu()] = s;
      }
    }
    return rates;
  }
}

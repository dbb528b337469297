package io.smpsim.app.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws {@code report.html}: plain HTML with inline CSS and SVG, so the page opens anywhere,
 * offline, and the same run always gives the same charts. Every drawn element carries its
 * numbers as {@code data-} attributes (and a tooltip), so what the picture shows can be read
 * back exactly.
 */
final class ReportHtml {

  private static final int WIDTH = 960;
  private static final int LABEL = 70;
  private static final int PLOT = WIDTH - LABEL - 10;
  private static final int MAX_EVENT_ROWS = 500;
  /** A machine with more CPUs is drawn several CPUs to a row ({@link CpuRows}). */
  static final int MAX_CPU_ROWS = 512;
  private static final int MAX_CHARTS = 50;

  private static final Map<String, String> COLORS = new LinkedHashMap<>();

  static {
    COLORS.put("booting", "#d9d9d9");
    COLORS.put("online", "#8fd18f");
    COLORS.put("offline", "#8c8c8c");
    COLORS.put("suspended", "#8c96d9");
    COLORS.put("panicked", "#202020");
    COLORS.put("stuck", "#e0413a");
    COLORS.put("busy", "#f0a830");
    COLORS.put("irqs-off", "#a0307a");
  }

  /** Line colours of the per-CPU interrupt-rate chart. */
  private static final List<String> PALETTE = List.of("#1f5fbf", "#e0413a", "#2a9d3a",
      "#f0a830", "#a0307a", "#17becf", "#7a4a00", "#555555");
  /** CPUs drawn in the interrupt-rate chart (the rest are in the table and the CSV). */
  private static final int MAX_RATE_LINES = 8;
  /** CPUs listed in the interrupt table. */
  private static final int MAX_RATE_ROWS = 64;

  private static final Map<String, String> MARKERS = Map.of("lockup", "#b00000",
      "backtrace", "#1f5fbf", "hotplug", "#7a4a00", "suspend", "#4b3fa0", "panic", "#000000");

  private final String title;
  private final Map<String, String> facts;
  private final long endNs;
  private final StringBuilder b = new StringBuilder();

  ReportHtml(String title, Map<String, String> facts, long endNs) {
    this.title = title;
    this.facts = facts;
    this.endNs = Math.max(1, endNs);
  }

  String render(List<CpuTimeline> machines, List<CpuActivity> activity,
      List<TcSamples.Sample> samples) {
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>smpsim report: ").append(esc(title)).append("</title>\n<style>")
        .append("body{font-family:sans-serif;margin:1.5em;color:#222}")
        .append("table{border-collapse:collapse;margin:.5em 0}")
        .append("td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px;text-align:left}")
        .append("svg{display:block;margin:.5em 0}svg text{font-size:11px}")
        .append(".legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;")
        .append("vertical-align:middle}.note{color:#555;font-size:13px}")
        .append("</style></head><body>\n<h1>smpsim report: ").append(esc(title))
        .append("</h1>\n<table class=\"facts\">");
    for (Map.Entry<String, String> f : facts.entrySet()) {
      b.append("<tr><th>").append(esc(f.getKey())).append("</th><td data-fact=\"")
          .append(esc(f.getKey())).append("\">").append(esc(f.getValue())).append("</td></tr>");
    }
    b.append("</table>\n<p class=\"legend\">");
    for (Map.Entry<String, String> c : COLORS.entrySet()) {
      b.append("<span style=\"background:").append(c.getValue()).append("\"></span>")
          .append(c.getKey());
    }
    for (String k : List.of("lockup", "backtrace", "hotplug", "suspend", "panic")) {
      b.append("<span style=\"background:").append(MARKERS.get(k)).append("\"></span>")
          .append(k);
    }
    b.append("</p>\n<p class=\"note\">Time is simulated time. CPU states and markers come from"
        + " the kernel log (hotplug, suspend, lockup and backtrace reports); a soft lockup"
        + " report shows the CPU stuck for as long as it says. Busy and irqs-off come from the"
        + " scheduler's context switches (sched_switch): the band under a CPU's row is darker"
        + " the more of that stretch the CPU ran a task; the rest of its online time it was"
        + " idle. Interrupt and NMI counts are read at each context switch, once a second of"
        + " ticking, and at NMIs while interrupts are off; rates are over stretches of at least"
        + " 100 ms.</p>\n");
    for (int i = 0; i < machines.size(); i++) {
      machine(machines.get(i), activity.get(i));
    }
    qdiscs(samples);
    b.append("</body></html>\n");
    return b.toString();
  }

  private void machine(CpuTimeline t, CpuActivity a) {
    int cpus = t.cpus();
    List<CpuTimeline.Span> states = t.spans(endNs);
    CpuRows rows = new CpuRows(cpus, Math.min(MAX_CPU_ROWS, Math.max(1, cpus)), PLOT, endNs);
    boolean grouped = rows.perRow() > 1;
    int h = Math.max(1, Math.min(14, 700 / Math.max(1, rows.rows())));
    int height = rows.rows() * h + 30;
    b.append("<h2>").append(esc(t.machine())).append(": ").append(cpus).append(" CPU")
        .append(cpus == 1 ? "" : "s").append("</h2>\n");
    if (grouped) {
      b.append("<p class=\"note\">").append(rows.perRow()).append(" CPUs to a row: a row shows"
          + " the most notable state any of its CPUs was in (panicked, offline, suspended,"
          + " booting, online, in that order), and their stuck, busy and irqs-off time together;"
          + " every CPU's own spans are in cpu-states.csv.</p>\n");
    }
    b.append("<svg class=\"cpu-timeline\" data-machine=\"").append(esc(t.machine()))
        .append("\" data-cpus=\"").append(cpus);
    if (grouped) {
      b.append("\" data-cpus-per-row=\"").append(rows.perRow());
    }
    b.append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    if (grouped) {
      for (CpuRows.Run r : rows.states(states)) {
        run(r, h, "span");
      }
    } else {
      for (CpuTimeline.Span s : states) {
        span(s, h, "span");
      }
    }
    activity(rows, a.spans(endNs, states), h);
    if (grouped) {
      for (CpuRows.Run r : rows.covered(t.stuck(), "stuck")) {
        run(r, h, "stuck");
      }
    } else {
      for (CpuTimeline.Span s : t.stuck()) {
        span(s, h, "stuck");
      }
    }
    if (h >= 8) {
      for (int c = 0; c < cpus; c++) {
        b.append("<text x=\"4\" y=\"").append(c * h + h - 2).append("\">CPU").append(c)
            .append("</text>");
      }
    }
    // One line per kind, row and pixel: a row's CPUs backtraced at once show as one.
    java.util.Set<String> drawn = new java.util.HashSet<>();
    for (CpuTimeline.Marker m : t.markers()) {
      double x = x(m.timeNs());
      int row = m.cpu() < 0 ? -1 : rows.row(m.cpu());
      if (grouped && !drawn.add(m.kind() + " " + row + " " + rows.px(m.timeNs()))) {
        continue;
      }
      int y0 = row < 0 ? 0 : row * h;
      int y1 = row < 0 ? rows.rows() * h : row * h + h;
      b.append("<line class=\"marker ").append(m.kind()).append("\" data-kind=\"")
          .append(m.kind()).append("\" data-cpu=\"").append(m.cpu()).append("\" data-time-ns=\"")
          .append(m.timeNs()).append("\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x))
          .append("\" y1=\"").append(y0).append("\" y2=\"").append(y1).append("\" stroke=\"")
          .append(MARKERS.get(m.kind())).append("\" stroke-width=\"2\"><title>")
          .append(esc(seconds(m.timeNs()) + " " + (m.cpu() < 0 ? "" : "CPU" + m.cpu() + ": ")
              + m.text())).append("</title></line>\n");
    }
    axis(rows.rows() * h + 4, endNs);
    b.append("</svg>\n");
    interrupts(t.machine(), a);
    List<CpuTimeline.Marker> ms = t.markers();
    if (!ms.isEmpty()) {
      b.append("<table class=\"events\" data-machine=\"").append(esc(t.machine()))
          .append("\"><tr><th>time</th><th>CPU</th><th>kind</th><th>message</th></tr>");
      for (int i = 0; i < Math.min(MAX_EVENT_ROWS, ms.size()); i++) {
        CpuTimeline.Marker m = ms.get(i);
        b.append("<tr><td>").append(seconds(m.timeNs())).append("</td><td>")
            .append(m.cpu() < 0 ? "all" : String.valueOf(m.cpu())).append("</td><td>")
            .append(m.kind()).append("</td><td>").append(esc(m.text())).append("</td></tr>");
      }
      b.append("</table>");
      if (ms.size() > MAX_EVENT_ROWS) {
        b.append("<p class=\"note\">").append(ms.size() - MAX_EVENT_ROWS)
            .append(" more in events.csv.</p>");
      }
      b.append('\n');
    }
  }

  private void span(CpuTimeline.Span s, int h, String cls) {
    double x0 = x(s.fromNs());
    double w = Math.max(0.5, x(s.toNs()) - x0);
    b.append("<rect class=\"").append(cls).append("\" data-cpu=\"").append(s.cpu())
        .append("\" data-state=\"").append(s.state()).append("\" data-from-ns=\"")
        .append(s.fromNs()).append("\" data-to-ns=\"").append(s.toNs()).append("\" x=\"")
        .append(f(x0)).append("\" y=\"").append(s.cpu() * h + ("stuck".equals(cls) ? h / 4 : 0))
        .append("\" width=\"").append(f(w)).append("\" height=\"")
        .append("stuck".equals(cls) ? Math.max(1, h / 2) : Math.max(1, h - (h > 4 ? 1 : 0)))
        .append("\" fill=\"").append(COLORS.get(s.state())).append("\"><title>CPU")
        .append(s.cpu()).append(' ').append(s.state()).append(' ').append(seconds(s.fromNs()))
        .append(" - ").append(seconds(s.toNs())).append("</title></rect>\n");
  }

  /** One run of CPU rows: CPUs {@code firstCpu..lastCpu} in a state over whole pixels. */
  private void run(CpuRows.Run r, int h, String cls) {
    long from = Math.round((double) r.fromPx() * endNs / PLOT);
    long to = Math.round((double) r.toPx() * endNs / PLOT);
    String cpus = r.firstCpu() + "-" + r.lastCpu();
    b.append("<rect class=\"").append(cls).append("\" data-cpus=\"").append(cpus)
        .append("\" data-state=\"").append(r.state()).append("\" data-from-ns=\"").append(from)
        .append("\" data-to-ns=\"").append(to).append("\" x=\"").append(LABEL + r.fromPx())
        .append("\" y=\"").append(r.row() * h).append("\" width=\"")
        .append(r.toPx() - r.fromPx()).append("\" height=\"").append(h).append("\" fill=\"")
        .append(COLORS.get(r.state())).append("\"><title>CPUs ").append(cpus).append(' ')
        .append(r.state()).append(' ').append(seconds(from)).append(" - ").append(seconds(to))
        .append("</title></rect>\n");
  }

  /**
   * Busy and irqs-off as a band in the lower third of each row, one rectangle per run of
   * pixels with the same share of time running (darker: more), so a CPU that ran a packet
   * sender for 2 us every 100 us looks as busy as it was, and the page stays small.
   */
  private void activity(CpuRows rows, List<CpuTimeline.Span> spans, int h) {
    double bucketNs = (double) endNs / PLOT;
    for (String state : List.of("busy", "irqs-off")) {
      for (Map.Entry<Integer, java.util.TreeMap<Integer, Double>> e
          : rows.shares(spans, state).entrySet()) {
        int row = e.getKey();
        String who = rows.perRow() == 1 ? "data-cpu=\"" + row + "\""
            : "data-cpus=\"" + rows.firstCpu(row) + "-" + rows.lastCpu(row) + "\"";
        String name = rows.perRow() == 1 ? "CPU" + row
            : "CPUs " + rows.firstCpu(row) + "-" + rows.lastCpu(row);
        band(row, who, name, state, e.getValue(), bucketNs, h);
      }
    }
  }

  /** Draws one row's band of {@code state} from its per-pixel busy nanoseconds. */
  private void band(int row, String who, String name, String state,
      java.util.TreeMap<Integer, Double> share, double bucketNs, int h) {
    Integer start = null;
    int level = 0;
    double ns = 0;
    int prev = -2;
    for (Map.Entry<Integer, Double> e : share.entrySet()) {
      // Opacity in tenths, at least 0.2 so a short run stays visible.
      int l = Math.max(2, (int) Math.round(Math.min(1, e.getValue() / bucketNs) * 10));
      if (start != null && (e.getKey() != prev + 1 || l != level)) {
        bandRect(row, who, name, state, start, prev, level, ns, bucketNs, h);
        start = null;
      }
      if (start == null) {
        start = e.getKey();
        level = l;
        ns = 0;
      }
      ns += e.getValue();
      prev = e.getKey();
    }
    if (start != null) {
      bandRect(row, who, name, state, start, prev, level, ns, bucketNs, h);
    }
  }

  private void bandRect(int row, String who, String name, String state, int first, int last,
      int level, double ns, double bucketNs, int h) {
    long from = (long) (first * bucketNs);
    long to = (long) Math.min(endNs, (last + 1) * bucketNs);
    b.append("<rect class=\"activity ").append(state).append("\" ").append(who)
        .append(" data-state=\"").append(state).append("\" data-from-ns=\"").append(from)
        .append("\" data-to-ns=\"").append(to).append("\" data-running-ns=\"")
        .append(Math.round(ns)).append("\" x=\"").append(f(LABEL + first))
        .append("\" y=\"").append(row * h + h - Math.max(1, h / 3) - (h > 4 ? 1 : 0))
        .append("\" width=\"").append(last - first + 1).append("\" height=\"")
        .append(Math.max(1, h / 3)).append("\" fill=\"").append(COLORS.get(state))
        .append("\" fill-opacity=\"").append(level / 10.0).append("\"><title>").append(name)
        .append(' ').append(state).append(' ').append(seconds(Math.round(ns)))
        .append(" of ").append(seconds(from)).append(" - ").append(seconds(to))
        .append("</title></rect>\n");
  }

  /**
   * Each CPU's interrupts and NMIs (table: totals, mean and peak rates) and, for the first
   * CPUs, a chart of their interrupt rate over time.
   */
  private void interrupts(String machine, CpuActivity a) {
    List<CpuActivity.Sample> samples = a.samples();
    if (samples.isEmpty()) {
      return;
    }
    List<CpuActivity.Rate> rates = a.rates();
    java.util.TreeMap<Integer, CpuActivity.Sample> first = new java.util.TreeMap<>();
    java.util.TreeMap<Integer, CpuActivity.Sample> last = new java.util.TreeMap<>();
    for (CpuActivity.Sample s : samples) {
      first.putIfAbsent(s.cpu(), s);
      last.put(s.cpu(), s);
    }
    java.util.Map<Integer, double[]> peak = new java.util.HashMap<>();
    double maxRate = 1;
    for (CpuActivity.Rate r : rates) {
      double[] p = peak.computeIfAbsent(r.cpu(), c -> new double[2]);
      p[0] = Math.max(p[0], r.irqsPerSec());
      p[1] = Math.max(p[1], r.nmisPerSec());
      if (r.cpu() < MAX_RATE_LINES) {
        maxRate = Math.max(maxRate, r.irqsPerSec());
      }
    }
    b.append("<table class=\"interrupts\" data-machine=\"").append(esc(machine))
        .append("\"><tr><th>CPU</th><th>interrupts</th><th>NMIs</th><th>mean/s</th>")
        .append("<th>peak interrupts/s</th><th>peak NMIs/s</th></tr>");
    int rows = 0;
    for (Map.Entry<Integer, CpuActivity.Sample> e : last.entrySet()) {
      if (rows++ >= MAX_RATE_ROWS) {
        break;
      }
      CpuActivity.Sample f = first.get(e.getKey());
      CpuActivity.Sample l = e.getValue();
      double secs = (l.timeNs() - f.timeNs()) / 1e9;
      double[] p = peak.getOrDefault(e.getKey(), new double[2]);
      b.append("<tr data-cpu=\"").append(e.getKey()).append("\" data-irqs=\"").append(l.irqs())
          .append("\" data-nmis=\"").append(l.nmis()).append("\" data-peak-irqs-per-sec=\"")
          .append(f(p[0])).append("\" data-peak-nmis-per-sec=\"").append(f(p[1]))
          .append("\"><td>").append(e.getKey()).append("</td><td>")
          .append(l.irqs()).append("</td><td>").append(l.nmis()).append("</td><td>")
          .append(secs > 0 ? f((l.irqs() - f.irqs()) / secs) : "").append("</td><td>")
          .append(f(p[0])).append("</td><td>").append(f(p[1])).append("</td></tr>");
    }
    b.append("</table>\n");
    if (last.size() > MAX_RATE_ROWS) {
      b.append("<p class=\"note\">").append(last.size() - MAX_RATE_ROWS)
          .append(" more CPUs in cpu-interrupts.csv.</p>\n");
    }
    int hh = 120;
    b.append("<svg class=\"irq-chart\" data-machine=\"").append(esc(machine))
        .append("\" width=\"").append(WIDTH).append("\" height=\"").append(hh + 30)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    for (int cpu = 0; cpu < MAX_RATE_LINES; cpu++) {
      StringBuilder pts = new StringBuilder();
      for (CpuActivity.Rate r : rates) {
        if (r.cpu() == cpu) {
          double y = hh - r.irqsPerSec() / maxRate * (hh - 10);
          pts.append(f(x(r.fromNs()))).append(',').append(f(y)).append(' ')
              .append(f(x(r.toNs()))).append(',').append(f(y)).append(' ');
        }
      }
      if (pts.length() > 0) {
        b.append("<polyline class=\"irq-rate\" data-cpu=\"").append(cpu)
            .append("\" fill=\"none\" stroke=\"").append(PALETTE.get(cpu % PALETTE.size()))
            .append("\" points=\"").append(pts.toString().trim()).append("\"><title>CPU")
            .append(cpu).append(" interrupts/s</title></polyline>\n");
      }
    }
    b.append("<text x=\"4\" y=\"12\">interrupts/s per CPU (CPU0-")
        .append(Math.min(MAX_RATE_LINES, last.lastKey() + 1) - 1).append(", max ")
        .append(f(maxRate)).append("/s)</text>\n");
    axis(hh + 4, endNs);
    b.append("</svg>\n");
  }

  /** Time ticks under a plot: about ten, at round numbers of seconds. */
  private void axis(int y, long spanNs) {
    double step = niceStep(spanNs / 1e9 / 10);
    for (double s = 0; s <= spanNs / 1e9 + 1e-9; s += step) {
      double x = x((long) (s * 1e9));
      b.append("<line x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
          .append(y).append("\" y2=\"").append(y + 4).append("\" stroke=\"#555\"/><text x=\"")
          .append(f(x - 8)).append("\" y=\"").append(y + 16).append("\">")
          .append(trim(s)).append("s</text>");
    }
    b.append('\n');
  }

  private void qdiscs(List<TcSamples.Sample> samples) {
    b.append("<h2>Qdiscs and classes</h2>\n");
    if (samples.isEmpty()) {
      b.append("<p class=\"note\">No <code>tc -s qdisc show</code> or <code>tc -s class show"
          + "</code> in the timeline: add them (at several times for a series) to see the"
          + " counters here.</p>\n");
      return;
    }
    Map<String, List<TcSamples.Sample>> series = new LinkedHashMap<>();
    for (TcSamples.Sample s : samples) {
      series.computeIfAbsent(s.series(), k -> new ArrayList<>()).add(s);
    }
    b.append("<table class=\"qdisc\"><tr><th>time</th><th>machine</th><th>dev</th><th>what</th>"
        + "<th>id</th><th>sent bytes</th><th>packets</th><th>dropped</th><th>overlimits</th>"
        + "<th>backlog</th><th>rate since previous</th></tr>");
    int shown = 0;
    for (List<TcSamples.Sample> list : series.values()) {
      TcSamples.Sample prev = null;
      for (TcSamples.Sample s : list) {
        if (shown >= MAX_EVENT_ROWS * 4) {
          break;
        }
        shown++;
        String rate = prev == null || s.timeNs() <= prev.timeNs() ? ""
            : bits((s.sentBytes() - prev.sentBytes()) * 8e9 / (s.timeNs() - prev.timeNs()));
        b.append("<tr data-series=\"").append(esc(s.series())).append("\" data-time-ns=\"")
            .append(s.timeNs()).append("\"><td>").append(seconds(s.timeNs())).append("</td><td>")
            .append(esc(s.machine())).append("</td><td>").append(esc(s.dev())).append("</td><td>")
            .append(s.object()).append(' ').append(esc(s.kind())).append("</td><td>")
            .append(esc(s.id())).append("</td><td data-sent-bytes=\"").append(s.sentBytes())
            .append("\">").append(s.sentBytes()).append("</td><td>").append(s.sentPackets())
            .append("</td><td data-dropped=\"").append(s.dropped()).append("\">")
            .append(s.dropped()).append("</td><td>").append(s.overlimits())
            .append("</td><td data-backlog-bytes=\"").append(s.backlogBytes()).append("\">")
            .append(s.backlogBytes()).append("b ").append(s.backlogPackets()).append("p</td><td>")
            .append(rate).append("</td></tr>");
        prev = s;
      }
    }
    b.append("</table>\n");
    if (samples.size() > shown) {
      b.append("<p class=\"note\">").append(samples.size() - shown)
          .append(" more samples in qdisc.csv.</p>\n");
    }
    int charts = 0;
    for (Map.Entry<String, List<TcSamples.Sample>> e : series.entrySet()) {
      if (e.getValue().size() >= 2 && charts++ < MAX_CHARTS) {
        chart(e.getKey(), e.getValue());
      }
    }
    if (charts > MAX_CHARTS) {
      b.append("<p class=\"note\">").append(charts - MAX_CHARTS)
          .append(" more series in qdisc.csv.</p>\n");
    }
  }

  /** Throughput between samples and backlog at each, for one qdisc or class. */
  private void chart(String name, List<TcSamples.Sample> list) {
    double maxRate = 1;
    long maxBacklog = 1;
    for (int i = 1; i < list.size(); i++) {
      maxRate = Math.max(maxRate, rate(list.get(i - 1), list.get(i)));
    }
    for (TcSamples.Sample s : list) {
      maxBacklog = Math.max(maxBacklog, s.backlogBytes());
    }
    int h = 120;
    b.append("<h3>").append(esc(name)).append("</h3>\n<svg class=\"qdisc-chart\" data-series=\"")
        .append(esc(name)).append("\" width=\"").append(WIDTH).append("\" height=\"")
        .append(h + 30).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    StringBuilder rate = new StringBuilder();
    for (int i = 1; i < list.size(); i++) {
      TcSamples.Sample a = list.get(i - 1);
      TcSamples.Sample s = list.get(i);
      double y = h - rate(a, s) / maxRate * (h - 10);
      rate.append(f(x(a.timeNs()))).append(',').append(f(y)).append(' ')
          .append(f(x(s.timeNs()))).append(',').append(f(y)).append(' ');
    }
    b.append("<polyline class=\"throughput\" fill=\"none\" stroke=\"#1f5fbf\" points=\"")
        .append(rate.toString().trim()).append("\"><title>throughput, up to ")
        .append(bits(maxRate)).append("</title></polyline>\n");
    StringBuilder backlog = new StringBuilder();
    for (TcSamples.Sample s : list) {
      backlog.append(f(x(s.timeNs()))).append(',')
          .append(f(h - (double) s.backlogBytes() / maxBacklog * (h - 10))).append(' ');
    }
    b.append("<polyline class=\"backlog\" fill=\"none\" stroke=\"#e0413a\" points=\"")
        .append(backlog.toString().trim()).append("\"><title>backlog, up to ").append(maxBacklog)
        .append(" bytes</title></polyline>\n<text x=\"4\" y=\"12\">throughput (blue, max ")
        .append(bits(maxRate)).append("), backlog (red, max ").append(maxBacklog)
        .append("b)</text>\n");
    axis(h + 4, endNs);
    b.append("</svg>\n");
  }

  private static double rate(TcSamples.Sample a, TcSamples.Sample s) {
    return s.timeNs() <= a.timeNs() ? 0
        : (s.sentBytes() - a.sentBytes()) * 8e9 / (s.timeNs() - a.timeNs());
  }

  private double x(long ns) {
    return LABEL + (double) Math.min(ns, endNs) / endNs * PLOT;
  }

  private static double niceStep(double raw) {
    if (raw <= 0) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= raw) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String trim(double s) {
    return s == Math.rint(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.3g", s);
  }

  private static String f(double v) {
    return fixed(v, 1);
  }

  static String seconds(long ns) {
    return fixed(ns / 1e9, 6) + " s";
  }

  /**
   * {@code String.format(Locale.ROOT, "%.Nf", v)}, without the formatter: a report of a large
   * world formats millions of numbers, and each format call built the locale's symbols anew
   * (a second of the 32,768-CPU fleet's report). Same digits: both round the shortest decimal
   * form of {@code v} half up.
   */
  static String fixed(double v, int decimals) {
    if (!Double.isFinite(v) || (v == 0 && 1 / v < 0)) {
      return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
    return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP)
        .toPlainString();
  }

  /** A bit rate as tc prints it (Kbit = 1000 bit). */
  static String bits(double bps) {
    if (bps >= 1e9) {
      return String.format(Locale.ROOT, "%.2fGbit", bps / 1e9);
    }
    if (bps >= 1e6) {
      return String.format(Locale.ROOT, "%.2fMbit", bps / 1e6);
    }
    if (bps >= 1e3) {
      return String.format(Locale.ROOT, "%.2fKbit", bps / 1e3);
    }
    return String.format(Locale.ROOT, "%.0fbit", bps);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}

package io.smpsim.app.report;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.panic.PanicReport;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.trace.IrqCounters;
import io.smpsim.kernel.trace.SchedSwitch;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.sim.OutputRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of a run, written under {@code --out}: {@code report.html}, one self-contained page
 * (no script, no network: its charts are SVG drawn here) with each machine's per-CPU timeline,
 * its lockup, backtrace, hotplug, suspend and panic markers, and the qdisc and class counters
 * its {@code tc -s} commands printed; and the same series as CSV files. Everything comes from
 * the run's outputs (kernel log, command answers, panics), in the order they came.
 */
public final class RunReport {

  private final Map<String, CpuTimeline> machines = new LinkedHashMap<>();
  private final Map<String, CpuActivity> activity = new LinkedHashMap<>();
  private final TcSamples tc = new TcSamples();

  public RunReport(List<MachineConfig> machines) {
    for (MachineConfig m : machines) {
      this.machines.put(m.name(), new CpuTimeline(m.name(), m.cpus()));
      this.activity.put(m.name(), new CpuActivity(m.cpus()));
    }
  }

  /** Takes note of one output of the run. */
  public void observe(OutputRecord o) {
    if (o.output() instanceof KernelLog log) {
      CpuTimeline t = machines.get(log.machine());
      if (t != null) {
        for (LogLine l : log.lines()) {
          t.line(o.time(), l);
        }
      }
    } else if (o.output() instanceof PanicReport p) {
      CpuTimeline t = machines.get(p.machine());
      if (t != null) {
        t.panic(o.time(), "Kernel panic - not syncing: " + p.message());
      }
    } else if (o.output() instanceof SchedSwitch s) {
      CpuActivity a = activity.get(s.machine());
      if (a != null) {
        a.switched(o.time(), s);
      }
    } else if (o.output() instanceof IrqCounters c) {
      CpuActivity a = activity.get(c.machine());
      if (a != null) {
        a.counters(o.time(), c);
      }
    } else if (o.output() instanceof CommandResult r) {
      tc.command(o.time(), r.machine(), r.line(), r.exit(), r.stdout());
    }
  }

  /**
   * The report's files by name: {@code report.html}, {@code cpu-states.csv},
   * {@code cpu-interrupts.csv}, {@code events.csv} and {@code qdisc.csv}.
   *
   * @param title what the run was (the scenario file)
   * @param facts the run's figures, shown in order at the top
   * @param endNs the simulated time the run reached
   */
  public Map<String, String> files(String title, Map<String, String> facts, long endNs) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("report.html", new ReportHtml(title, facts, endNs).render(
        List.copyOf(machines.values()), List.copyOf(activity.values()), tc.samples()));
    StringBuilder states = new StringBuilder("machine,cpu,state,from_ns,to_ns\n");
    StringBuilder events = new StringBuilder("time_ns,machine,cpu,kind,text\n");
    StringBuilder irqs = new StringBuilder("time_ns,machine,cpu,task,irqs,nmis\n");
    for (CpuTimeline t : machines.values()) {
      CpuActivity a = activity.get(t.machine());
      List<CpuTimeline.Span> spans = t.spans(endNs);
      for (CpuTimeline.Span s : a.spans(endNs, spans)) {
        states.append(csv(t.machine())).append(',').append(s.cpu()).append(',')
            .append(s.state()).append(',').append(s.fromNs()).append(',').append(s.toNs())
            .append('\n');
      }
      for (CpuActivity.Sample s : a.samples()) {
        irqs.append(s.timeNs()).append(',').append(csv(t.machine())).append(',').append(s.cpu())
            .append(',').append(csv(s.task())).append(',').append(s.irqs()).append(',')
            .append(s.nmis()).append('\n');
      }
      for (CpuTimeline.Span s : spans) {
        states.append(csv(t.machine())).append(',').append(s.cpu()).append(',')
            .append(s.state()).append(',').append(s.fromNs()).append(',').append(s.toNs())
            .append('\n');
      }
      for (CpuTimeline.Span s : t.stuck()) {
        states.append(csv(t.machine())).append(',').append(s.cpu()).append(",stuck,")
            .append(s.fromNs()).append(',').append(s.toNs()).append('\n');
      }
      for (CpuTimeline.Marker m : t.markers()) {
        events.append(m.timeNs()).append(',').append(csv(t.machine())).append(',')
            .append(m.cpu() < 0 ? "" : String.valueOf(m.cpu())).append(',').append(m.kind())
            .append(',').append(csv(m.text())).append('\n');
      }
    }
    StringBuilder q = new StringBuilder("time_ns,machine,dev,object,kind,id,sent_bytes,"
        + "sent_packets,dropped,overlimits,backlog_bytes,backlog_packets\n");
    for (TcSamples.Sample s : tc.samples()) {
      q.append(s.timeNs()).append(',').append(csv(s.machine())).append(',').append(csv(s.dev()))
          .append(',').append(s.object()).append(',').append(csv(s.kind())).append(',')
          .append(csv(s.id())).append(',').append(s.sentBytes()).append(',')
          .append(s.sentPackets()).append(',').append(s.dropped()).append(',')
          .append(s.overlimits()).append(',').append(s.backlogBytes()).append(',')
          .append(s.backlogPackets()).append('\n');
    }
    files.put("cpu-states.csv", states.toString());
    files.put("cpu-interrupts.csv", irqs.toString());
    files.put("events.csv", events.toString());
    files.put("qdisc.csv", q.toString());
    return files;
  }

  /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
  static String csv(String field) {
    if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
      return "\"" + field.replace("\"", "\"\"") + "\"";
    }
    return field;
  }
}

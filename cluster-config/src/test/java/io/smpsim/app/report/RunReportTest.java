package io.smpsim.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smpsim.app.Cli;
import io.smpsim.app.GoldenLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a run ({@code --out DIR}: {@code report.html} and CSV files), loaded in HtmlUnit
 * as a browser would load it, offline: its charts show the run's lockups, backtraces, hotplug,
 * suspend and qdisc counters with the run's own numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunReportTest {

  private static final long S = 1_000_000_000L;

  private Path out;
  private ReportPage report;
  private HtmlPage page;
  private String log;

  @BeforeAll
  void runTheScenario(@TempDir Path dir) throws Exception {
    ReportPage.Run run = ReportPage.run(dir, String.join("\n",
        "seed = 1",
        "duration = 40s",
        // RCU stall warnings suppressed: their report would postpone the soft lockup's.
        "machines = [ { name = m0, cpus = 4, hz = 250,",
        "  cmdline = \"watchdog_thresh=10 rcupdate.rcu_cpu_stall_suppress=1\",",
        "  nics = [ { name = eth0, rate = 100mbit } ] } ]",
        "timeline = [",
        "  { at = 2s, run = \"tc qdisc add dev eth0 root handle 1: tbf rate 10mbit burst 32kbit"
            + " latency 50ms\" }",
        "  { at = 2s, run = \"traffic start dev eth0 rate 20mbit size 1000 for 4s\" }",
        "  { at = 2s, run = \"inject softlockup cpu 2 for 30s\" }",
        "  { at = 3s, run = \"echo l > /proc/sysrq-trigger\" }",
        "  { at = 4s, run = \"echo 0 > /sys/devices/system/cpu/cpu3/online\" }",
        "  { at = 4s, run = \"tc -s qdisc show dev eth0\" }",
        "  { at = 6s, run = \"echo 1 > /sys/devices/system/cpu/cpu3/online\" }",
        "  { at = 6s, run = \"tc -s qdisc show dev eth0\" }",
        "  { at = 34s, run = \"echo +3 > /sys/class/rtc/rtc0/wakealarm\" }",
        "  { at = 34s, run = \"echo mem > /sys/power/state\" }",
        "]") + "\n");
    out = run.out();
    log = run.log();
    report = run.report();
    page = report.page();
  }

  private List<DomElement> all(String selector) {
    return report.all(selector);
  }

  private static long ns(DomElement e, String attribute) {
    return ReportPage.ns(e, attribute);
  }

  @Test
  void theFactsAreTheRunsSummary() throws Exception {
    JsonNode summary = Cli.summary(out);
    assertEquals(summary.get("traceHash").asText(),
        page.querySelector("td[data-fact='trace hash']").getTextContent());
    assertEquals(summary.get("events").asText(),
        page.querySelector("td[data-fact='events']").getTextContent());
    assertTrue(all("script").isEmpty(), "no script");
    assertFalse(page.asXml().contains("http://") && page.asXml().matches(
        "(?s).*(src|href)=\"https?://.*"), "nothing fetched from the network");
  }

  @Test
  void theCpuTimelineHasARowPerCpuAndTheSoftLockupAsStuckForAsLongAsItSays() {
    DomNode svg = page.querySelector("svg.cpu-timeline[data-machine='m0']");
    assertEquals("4", ((DomElement) svg).getAttribute("data-cpus"));
    for (int cpu = 0; cpu < 4; cpu++) {
      assertFalse(all("svg.cpu-timeline rect.span[data-cpu='" + cpu + "'][data-state='online']")
          .isEmpty(), "CPU" + cpu + " online");
    }
    Matcher m = Pattern.compile("\\[ *(\\d+)\\.(\\d{6})\\] watchdog: BUG: soft lockup - CPU#2"
        + " stuck for (\\d+)s!").matcher(log);
    assertTrue(m.find(), log);
    List<DomElement> stuck = all("svg.cpu-timeline rect.stuck[data-cpu='2']");
    assertFalse(stuck.isEmpty(), page.asXml());
    DomElement first = stuck.get(0);
    assertEquals(Long.parseLong(m.group(3)) * S, ns(first, "data-to-ns")
        - ns(first, "data-from-ns"), "stuck for as long as the report says");
    long reportedNs = Long.parseLong(m.group(1)) * S + Long.parseLong(m.group(2)) * 1000;
    List<DomElement> lockups = all("svg.cpu-timeline line.marker.lockup[data-cpu='2']");
    assertFalse(lockups.isEmpty());
    assertTrue(Math.abs(ns(lockups.get(0), "data-time-ns") - reportedNs) < S / 100,
        "the marker sits where the log line was printed");
  }

  @Test
  void theBacktraceHotplugAndSuspendAreMarked() {
    List<DomElement> backtraces = all("svg.cpu-timeline line.marker.backtrace");
    assertEquals(4, backtraces.size(), "one per CPU for sysrq l");
    for (DomElement b : backtraces) {
      assertTrue(Math.abs(ns(b, "data-time-ns") - 3 * S) < S / 100, b.asXml());
    }
    List<DomElement> offline = all("svg.cpu-timeline rect.span[data-cpu='3']"
        + "[data-state='offline']");
    assertEquals(1, offline.size());
    assertTrue(Math.abs(ns(offline.get(0), "data-from-ns") - 4 * S) < S / 100);
    assertTrue(Math.abs(ns(offline.get(0), "data-to-ns") - 6 * S) < S / 100);
    assertEquals(2, all("svg.cpu-timeline line.marker.hotplug[data-cpu='3']").size());
    List<DomElement> suspended = all("svg.cpu-timeline rect.span[data-state='suspended']");
    assertEquals(4, suspended.size(), "every CPU sleeps");
    for (DomElement s : suspended) {
      assertTrue(Math.abs(ns(s, "data-from-ns") - 34 * S) < S / 100, s.asXml());
      assertTrue(ns(s, "data-to-ns") >= 37 * S, "until the alarm: " + s.asXml());
    }
    assertEquals(2, all("svg.cpu-timeline line.marker.suspend").size(), "entry and exit");
  }

  @Test
  void theQdiscCountersAreThoseTcPrintedWithARateAndAChart() throws Exception {
    String commands = Files.readString(out.resolve("commands.log"));
    Matcher sent = Pattern.compile("Sent (\\d+) bytes \\d+ pkt \\(dropped (\\d+),").matcher(commands);
    List<DomElement> rows = all("table.qdisc tr[data-series='m0 eth0 qdisc tbf 1:']");
    assertEquals(3, rows.size(), "created, then two tc -s samples");
    for (DomElement row : rows.subList(1, 3)) {
      assertTrue(sent.find(), commands);
      assertEquals(sent.group(1), row.querySelector("td[data-sent-bytes]")
          .getAttributes().getNamedItem("data-sent-bytes").getNodeValue());
      assertEquals(sent.group(2), row.querySelector("td[data-dropped]")
          .getAttributes().getNamedItem("data-dropped").getNodeValue());
    }
    assertTrue(rows.get(2).getTextContent().contains("Mbit"), "a rate since the sample before: "
        + rows.get(2).getTextContent());
    assertEquals(1, all("svg.qdisc-chart[data-series='m0 eth0 qdisc tbf 1:'] polyline.backlog")
        .size());
    String csv = Files.readString(out.resolve("qdisc.csv"));
    assertEquals(4, csv.lines().count(), csv);
    assertTrue(csv.contains(",m0,eth0,qdisc,tbf,1:," + rowsSent(rows.get(2)) + ","), csv);
    String states = Files.readString(out.resolve("cpu-states.csv"));
    assertTrue(Pattern.compile("(?m)^m0,3,offline,400\\d{7},600\\d{7}$").matcher(states).find(),
        states);
    assertTrue(Files.readString(out.resolve("events.csv")).contains(",m0,2,lockup,"
        + "watchdog: BUG: soft lockup - CPU#2 stuck for "));
  }

  @Test
  void busyStretchesAndInterruptRatesComeFromTheSchedulersContextSwitches() throws Exception {
    // inject softlockup cpu 2 for 30s: a task spins on CPU 2 from 2 s for 30 s.
    String states = Files.readString(out.resolve("cpu-states.csv"));
    Matcher busy = Pattern.compile("(?m)^m0,2,busy,(\\d+),(\\d+)$").matcher(states);
    long longest = 0;
    long from = 0;
    while (busy.find()) {
      long len = Long.parseLong(busy.group(2)) - Long.parseLong(busy.group(1));
      if (len > longest) {
        longest = len;
        from = Long.parseLong(busy.group(1));
      }
    }
    assertTrue(Math.abs(longest - 30 * S) < S / 100, "30 s busy: " + longest + "\n" + states);
    assertTrue(Math.abs(from - 2 * S) < S / 100, "from 2 s: " + from);
    long drawn = all("svg.cpu-timeline rect.activity.busy[data-cpu='2']").stream()
        .mapToLong(e -> ns(e, "data-running-ns")).sum();
    assertTrue(drawn >= longest && drawn < longest + S, "the band holds the busy time: " + drawn);
    assertTrue(all("svg.cpu-timeline rect.activity[data-cpu='3']").stream()
        .noneMatch(e -> ns(e, "data-from-ns") >= 4 * S + S / 10
            && ns(e, "data-to-ns") <= 6 * S - S / 10), "nothing runs on CPU 3 while offline");

    // The periodic tick runs on a busy CPU (NO_HZ stops it only in idle): HZ=250 per second.
    DomElement cpu2 = (DomElement) page.querySelector("table.interrupts tr[data-cpu='2']");
    double peak = Double.parseDouble(cpu2.getAttribute("data-peak-irqs-per-sec"));
    assertTrue(peak >= 245 && peak < 300, "CPU 2's peak interrupt rate: " + peak);
    String csv = Files.readString(out.resolve("cpu-interrupts.csv"));
    assertTrue(csv.startsWith("time_ns,machine,cpu,task,irqs,nmis\n"), csv);
    long lastIrqs = -1;
    for (String line : csv.lines().skip(1).filter(l -> l.contains(",m0,2,")).toList()) {
      long irqs = Long.parseLong(line.split(",")[4]);
      assertTrue(irqs >= lastIrqs, "counters only grow: " + line);
      lastIrqs = irqs;
    }
    assertEquals(lastIrqs, Long.parseLong(cpu2.getAttribute("data-irqs")));
    assertFalse(all("svg.irq-chart polyline.irq-rate[data-cpu='2']").isEmpty());
  }

  private static String rowsSent(DomElement row) {
    return row.querySelector("td[data-sent-bytes]").getTextContent();
  }

  @Test
  void aShippedScenariosReportShowsItsHardLockupAndBacktraces(@TempDir Path d) throws Exception {
    Path o = d.resolve("out");
    ReportPage shipped = ReportPage.run(GoldenLog.repoRoot().resolve("scenarios/hardlockup.conf"),
        o).report();
    HtmlPage p = shipped.page();
    assertFalse(p.querySelectorAll("line.marker.lockup[data-cpu='3']").isEmpty(), p.asXml());
    // inject hardlockup cpu 3 at 5 s: a task spins there with interrupts off to the end.
    List<DomElement> off = shipped.all("rect.activity.irqs-off[data-cpu='3']");
    assertFalse(off.isEmpty(), "CPU 3 runs with interrupts off");
    assertTrue(Math.abs(ns(off.get(0), "data-from-ns") - 5 * S) < S / 10, off.get(0).asXml());
    assertTrue(Pattern.compile("(?m)^m0,3,irqs-off,50\\d{8},40000000000$")
        .matcher(Files.readString(o.resolve("cpu-states.csv"))).find());
    // No tick reaches CPU 3 with interrupts off; the hard-lockup detector's perf NMI (every
    // watchdog_thresh = 10 s, counted as a PMI too) and the lockup report's backtrace NMI
    // still do, and show its counters.
    DomElement cpu3 = (DomElement) p.querySelector("table.interrupts tr[data-cpu='3']");
    double nmis = Double.parseDouble(cpu3.getAttribute("data-peak-nmis-per-sec"));
    assertTrue(nmis >= 0.09, "at least one NMI per 10 s: " + cpu3.asXml());
    List<String> rows = Files.readString(o.resolve("cpu-interrupts.csv")).lines()
        .filter(l -> l.contains(",m0,3,")).toList();
    assertTrue(rows.size() >= 4, "the spin's switch, then its NMIs: " + rows);
    // The first perf NMI of the spin, 18 us before 15 s: CPU 3 also took the keyboard
    // probe's nine interrupts at boot, unhalted cycles the counter saw.
    assertTrue(rows.get(1).startsWith("149997") && rows.get(1).endsWith(",1"), rows.toString());
  }
}

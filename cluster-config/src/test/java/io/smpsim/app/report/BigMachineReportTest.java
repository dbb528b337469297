package io.smpsim.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine with more CPUs than the report has rows is drawn several CPUs to a row, each row
 * showing its CPUs' most notable state, so a big machine's page stays one a browser can show;
 * every CPU's own spans are still in cpu-states.csv.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BigMachineReportTest {

  private static final long S = 1_000_000_000L;

  private Path out;
  private ReportPage report;
  private HtmlPage page;

  @BeforeAll
  void runTheScenario(@TempDir Path dir) throws Exception {
    ReportPage.Run run = ReportPage.run(dir, String.join("\n",
        "seed = 1",
        "duration = 8s",
        "machines = [ { name = m0, cpus = 1100, hz = 250, cmdline = \"console=ttyS0\" } ]",
        "timeline = [",
        "  { at = 4s, run = \"echo 0 > /sys/devices/system/cpu/cpu700/online\" }",
        "  { at = 5s, run = \"echo l > /proc/sysrq-trigger\" }",
        "  { at = 6s, run = \"echo 1 > /sys/devices/system/cpu/cpu700/online\" }",
        "]") + "\n");
    out = run.out();
    report = run.report();
    page = report.page();
  }

  @Test
  void theCpusShareRowsAndEveryCpuIsInOne() {
    DomElement svg = (DomElement) page.querySelector("svg.cpu-timeline[data-machine='m0']");
    assertEquals("1100", svg.getAttribute("data-cpus"));
    assertEquals("3", svg.getAttribute("data-cpus-per-row"), "1,100 CPUs in at most 512 rows");
    // Each row's spans cover the run from 0 to its end, and the rows cover CPUs 0-1099.
    long rows = report.all("svg.cpu-timeline rect.span").stream()
        .map(r -> r.getAttribute("data-cpus")).distinct().count();
    assertEquals(367, rows);
    assertFalse(report.all("rect.span[data-cpus='1098-1099']").isEmpty(), "the last row has 2 CPUs");
    for (DomElement r : report.all("rect.span[data-cpus='0-2']")) {
      assertTrue(ReportPage.ns(r, "data-to-ns") > ReportPage.ns(r, "data-from-ns"), r.asXml());
    }
    assertTrue(page.asNormalizedText().contains("3 CPUs to a row"));
  }

  @Test
  void aRowShowsItsOfflineCpuAsOfflineForAsLongAsItWas() {
    List<DomElement> off = report.all("rect.span[data-state='offline']");
    assertEquals(1, off.size(), off.toString());
    DomElement r = off.get(0);
    assertEquals("699-701", r.getAttribute("data-cpus"));
    // Drawn to the pixel: 8 s over the plot's 880 pixels.
    long pixel = 8 * S / 880 + 1;
    assertTrue(Math.abs(ReportPage.ns(r, "data-from-ns") - 4 * S) <= pixel, r.asXml());
    assertTrue(Math.abs(ReportPage.ns(r, "data-to-ns") - 6 * S) <= pixel, r.asXml());
    assertEquals(2, report.all("line.marker.hotplug[data-cpu='700']").size());
  }

  @Test
  void aBacktraceOfEveryCpuIsOneMarkerPerRowNotPerCpu() {
    List<DomElement> marks = report.all("line.marker.backtrace");
    assertTrue(marks.size() >= 366 && marks.size() <= 2 * 367, marks.size() + " markers");
    long cpusInCsv;
    try {
      cpusInCsv = Files.readAllLines(out.resolve("cpu-states.csv")).stream().skip(1)
          .map(l -> l.split(",")[1]).distinct().count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertEquals(1100, cpusInCsv, "every CPU's own spans are in the CSV");
  }
}

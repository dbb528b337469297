package io.smpsim.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.app.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;

/** A run's {@code report.html} as a browser without scripts loads it, offline. */
record ReportPage(HtmlPage page) {

  /** A run with {@code --out} and {@code --quiet}: its output directory, log and page. */
  record Run(Path out, String log, ReportPage report) {}

  /** Runs {@code scenario} (the text of a scenario file) in {@code dir}; it must succeed. */
  static Run run(Path dir, String scenario) throws IOException {
    return run(Files.writeString(dir.resolve("scenario.conf"), scenario), dir.resolve("out"));
  }

  /** Runs the scenario file {@code conf} with its outputs in {@code out}; it must succeed. */
  static Run run(Path conf, Path out) throws IOException {
    Cli.Outcome o = Cli.run("run", conf.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, o.exit(), o.stderr());
    return new Run(out, o.stdout(), load(out));
  }

  /** The report a run with {@code --out dir} wrote. */
  static ReportPage load(Path dir) throws IOException {
    try (WebClient browser = new WebClient()) {
      browser.getOptions().setJavaScriptEnabled(false);
      return new ReportPage(browser.getPage(dir.resolve("report.html").toUri().toURL()));
    }
  }

  /** The elements {@code selector} finds. */
  List<DomElement> all(String selector) {
    return page.querySelectorAll(selector).stream().map(n -> (DomElement) n).toList();
  }

  /** A nanosecond attribute of {@code e}. */
  static long ns(DomElement e, String attribute) {
    return Long.parseLong(e.getAttribute(attribute));
  }
}

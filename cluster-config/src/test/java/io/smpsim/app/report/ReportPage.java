package io.smpsim.app.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;

/** A run's {@code report.html} as a browser without scripts loads it, offline. */
record ReportPage(HtmlPage page) {

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

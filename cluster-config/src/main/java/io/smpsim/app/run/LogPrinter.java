package io.smpsim.app.run;

import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.LogLine;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints kernel log lines as dmesg does ({@code [    5.000000] msg}), prefixed with the machine
 * ({@code m0: [...]}) when the scenario has several, those the machine's console shows (below
 * its console_loglevel), and keeps each machine's whole log for its {@code dmesg-<machine>.log}
 * file.
 */
public final class LogPrinter {

  private final PrintStream out;
  private final boolean prefix;
  private final Map<String, List<String>> logs = new LinkedHashMap<>();

  /**
   * @param out where to print, or null to only collect
   * @param machines the machines' names, in scenario order
   */
  public LogPrinter(PrintStream out, List<String> machines) {
    this.out = out;
    this.prefix = machines.size() > 1;
    for (String m : machines) {
      logs.put(m, new ArrayList<>());
    }
  }

  public void print(KernelLog log) {
    List<String> machineLog = logs.computeIfAbsent(log.machine(), m -> new ArrayList<>());
    for (LogLine l : log.lines()) {
      String line = l.formatted();
      machineLog.add(line);
      // The dmesg file is the log buffer; the terminal is the machine's console, which shows
      // a line only below console_loglevel (quiet, loglevel=, dmesg -n, kernel.printk).
      if (out != null && log.onConsole(l)) {
        if (prefix) {
          out.print(log.machine());
          out.print(": ");
        }
        out.println(line);
      }
    }
  }

  /** Each machine's log lines so far. */
  public Map<String, List<String>> logs() {
    return logs;
  }
}

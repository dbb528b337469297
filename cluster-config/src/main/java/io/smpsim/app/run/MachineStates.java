package io.smpsim.app.run;

import io.smpsim.kernel.panic.PanicReport;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.sim.OutputRecord;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Whether each machine of a shell session can answer a command, as far as the session can tell
 * from the run's outputs: a panic report ends a machine for good; the PM core's
 * {@code PM: suspend entry (deep)} and {@code PM: suspend exit} lines (kernel/power/suspend.c,
 * pm_suspend()) bracket a system sleep, during which its shell runs nothing.
 */
final class MachineStates {

  /** Why one machine cannot answer now. */
  private record Down(boolean panicked, long sinceNs, String detail) {}

  private static final String SUSPEND_ENTRY = "PM: suspend entry (";
  private static final String SUSPEND_EXIT = "PM: suspend exit";

  private final Map<String, Down> down = new HashMap<>();

  /** Takes note of one output of the run. */
  void observe(OutputRecord o) {
    if (o.output() instanceof PanicReport p) {
      down.put(p.machine(), new Down(true, o.time(), p.message()));
    } else if (o.output() instanceof KernelLog log) {
      for (LogLine l : log.lines()) {
        Down d = down.get(log.machine());
        if (d != null && d.panicked()) {
          return;
        }
        if (l.text().startsWith(SUSPEND_ENTRY) && l.text().endsWith(")")) {
          down.put(log.machine(), new Down(false, o.time(),
              l.text().substring(SUSPEND_ENTRY.length(), l.text().length() - 1)));
        } else if (l.text().equals(SUSPEND_EXIT)) {
          down.remove(log.machine());
        }
      }
    }
  }

  /** Whether {@code machine} is suspended (it may wake up; a panicked one never does). */
  boolean suspended(String machine) {
    Down d = down.get(machine);
    return d != null && !d.panicked();
  }

  /**
   * Why {@code machine} cannot answer a command now, in a sentence that says what to do about
   * it, or null if it can.
   */
  String whyNoAnswer(String machine) {
    Down d = down.get(machine);
    if (d == null) {
      return null;
    }
    if (d.panicked()) {
      return machine + " panicked at " + seconds(d.sinceNs()) + " (" + d.detail()
          + "); it runs no command any more";
    }
    return machine + " is suspended (" + d.detail() + ") since " + seconds(d.sinceNs())
        + "; inject wakeup, or advance past its wake alarm";
  }

  /** Simulated time as the shell shows it: {@code 5.000 s}. */
  static String seconds(long ns) {
    return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
  }
}

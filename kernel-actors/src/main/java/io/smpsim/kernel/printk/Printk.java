package io.smpsim.kernel.printk;

import java.util.ArrayList;
import java.util.List;

/** The kernel's log formatting (kernel/printk/printk.c). */
public final class Printk {

  /**
   * The longest line a log record holds; a continuation that would not fit starts a new record
   * (printk's LOG_LINE_MAX, 1024 minus the 32-byte prefix).
   */
  public static final int LINE_MAX = 1024 - 32;

  private Printk() {}

  /**
   * The timestamp prefix {@code print_time} writes: seconds right-aligned in 5 columns, a dot,
   * microseconds in 6 digits, then one space: {@code [    5.123456] }.
   */
  public static String timestamp(long ns) {
    // By hand, not String.format: every line a run prints goes through here (a million of them
    // for a big fleet's backtraces), and the formatter's parsing cost more than the rest.
    String secs = Long.toString(ns / 1_000_000_000L);
    String usecs = Long.toString((ns % 1_000_000_000L) / 1_000L);
    StringBuilder b = new StringBuilder(16).append('[');
    for (int i = secs.length(); i < 5; i++) {
      b.append(' ');
    }
    b.append(secs).append('.');
    for (int i = usecs.length(); i < 6; i++) {
      b.append('0');
    }
    return b.append(usecs).append("] ").toString();
  }

  /** A write of one line at {@code now}. */
  public static Klog.Write line(long now, LogLevel level, String text) {
    return new Klog.Write(List.of(new LogLine(now, level, text)));
  }

  /** A write of several lines at {@code now}, kept together in the log. */
  public static Klog.Write block(long now, LogLevel level, List<String> texts) {
    List<LogLine> lines = new ArrayList<>(texts.size());
    for (String t : texts) {
      lines.add(new LogLine(now, level, t));
    }
    return new Klog.Write(lines);
  }
}

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
    long secs = ns / 1_000_000_000L;
    long usecs = (ns % 1_000_000_000L) / 1_000L;
    return String.format("[%5d.%06d] ", secs, usecs);
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

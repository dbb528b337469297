package io.smpsim.kernel.printk;

import io.smpsim.sim.serialization.WireMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A line built with {@code pr_cont}: fragments append to the open record, which keeps the
 * timestamp of its first fragment; a fragment that would overflow the record closes it and
 * opens the next one.
 */
public final class ContLine implements WireMessage {

  private final List<LogLine> done = new ArrayList<>();
  private LogLevel level = LogLevel.INFO;
  private StringBuilder open;
  private long openTime;

  /** Starts a new record (a printk without KERN_CONT). */
  public void begin(long now, LogLevel level, String text) {
    close();
    this.level = level;
    open = new StringBuilder(text);
    openTime = now;
  }

  /** Appends a fragment (KERN_CONT). */
  public void cont(long now, String fragment) {
    if (open == null) {
      begin(now, level, fragment);
      return;
    }
    if (open.length() + fragment.length() > Printk.LINE_MAX) {
      close();
      begin(now, level, fragment);
      return;
    }
    open.append(fragment);
  }

  /** Closes the open record, if any. */
  public void close() {
    if (open != null) {
      done.add(new LogLine(openTime, level, open.toString()));
      open = null;
    }
  }

  /** Closes the open record and returns every record built, emptying this builder. */
  public List<LogLine> drain() {
    close();
    List<LogLine> out = new ArrayList<>(done);
    done.clear();
    return out;
  }
}

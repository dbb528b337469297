package io.smpsim.app.run;

import io.smpsim.sim.engine.RunClient;
import java.io.PrintStream;

/**
 * A progress line on stderr for long runs, redrawn at most a few times a second, erased before
 * anything else is printed (so it never shares a line with the kernel log) and at the end. Its
 * rate counts the run's own wall time, as {@code summary.json}'s {@code eventsPerSec} does,
 * and it shows when the run should end. Before the run, it says what start-up is doing. Only
 * shown when stderr is a terminal (bin/smpsim tells the JVM), never in the simulation's
 * outputs.
 */
public final class Progress implements RunClient.ProgressListener {

  private final PrintStream err;
  private final long totalNs;
  private long startMs = -1;
  private long startNs;
  private long lastDrawMs;
  private int drawn;

  public Progress(PrintStream err, long totalNs) {
    this.err = err;
    this.totalNs = totalNs;
  }

  /** Whether stderr is a terminal (set by bin/smpsim with {@code -Dsmpsim.stderr.tty=true}). */
  public static boolean enabled() {
    return Boolean.getBoolean("smpsim.stderr.tty");
  }

  /** Says what start-up is doing, until the run starts. */
  public void starting(String what) {
    draw("[smpsim] " + what + " ...");
  }

  /** The run has started at simulated time {@code nowNs}: its rate counts from here. */
  public void started(long nowNs) {
    clear();
    startMs = System.currentTimeMillis();
    startNs = nowNs;
  }

  @Override
  public void progress(long simulatedNs, long events, long windows) {
    long now = System.currentTimeMillis();
    if (now - lastDrawMs < 250 || startMs < 0) {
      return;
    }
    lastDrawMs = now;
    double wall = Math.max(1, now - startMs) / 1000.0;
    double rate = (simulatedNs - startNs) / 1e9 / wall;
    String eta = rate <= 0 ? "" : String.format(", about %s left",
        duration((totalNs - simulatedNs) / 1e9 / rate));
    draw(String.format("[smpsim] %.3f / %.3f s simulated, %,d events, %,.0f events/s%s",
        simulatedNs / 1e9, totalNs / 1e9, events, events / wall, eta));
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s < 60 ? s + " s" : s < 3600 ? s / 60 + " min " + s % 60 + " s"
        : s / 3600 + " h " + s % 3600 / 60 + " min";
  }

  private void draw(String line) {
    clear();
    err.print(line);
    err.flush();
    drawn = line.length();
  }

  /** Erases the progress line (before a log line, and at the end). */
  public void clear() {
    if (drawn > 0) {
      err.print("\r" + " ".repeat(drawn) + "\r");
      err.flush();
      drawn = 0;
    }
  }
}

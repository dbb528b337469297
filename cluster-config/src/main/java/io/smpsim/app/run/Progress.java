package io.smpsim.app.run;

import io.smpsim.sim.engine.RunClient;
import java.io.PrintStream;

/**
 * A progress line on stderr for long runs, redrawn at most a few times a second. Only shown
 * when stderr is a terminal (bin/smpsim tells the JVM), never in the simulation's outputs.
 */
public final class Progress implements RunClient.ProgressListener {

  private final PrintStream err;
  private final long totalNs;
  private final long startMs = System.currentTimeMillis();
  private long lastDrawMs;
  private boolean drawn;

  public Progress(PrintStream err, long totalNs) {
    this.err = err;
    this.totalNs = totalNs;
  }

  /** Whether stderr is a terminal (set by bin/smpsim with {@code -Dsmpsim.stderr.tty=true}). */
  public static boolean enabled() {
    return Boolean.getBoolean("smpsim.stderr.tty");
  }

  @Override
  public void progress(long simulatedNs, long events, long windows) {
    long now = System.currentTimeMillis();
    if (now - lastDrawMs < 250) {
      return;
    }
    lastDrawMs = now;
    double wall = Math.max(1, now - startMs) / 1000.0;
    err.printf("\r[smpsim] %.3f / %.3f s simulated, %,d events, %,.0f events/s   ",
        simulatedNs / 1e9, totalNs / 1e9, events, events / wall);
    err.flush();
    drawn = true;
  }

  /** Erases the progress line. */
  public void clear() {
    if (drawn) {
      err.print("\r" + " ".repeat(100) + "\r");
      err.flush();
    }
  }
}

package io.smpsim.sim.engine;

/** A run stopped before its end; the exit code says why (1 internal, 2 input, 3 lost node). */
public final class RunAbortedException extends RuntimeException {

  private final int exitCode;
  private final long simulatedNs;

  public RunAbortedException(String reason, int exitCode, long simulatedNs) {
    super(reason);
    this.exitCode = exitCode;
    this.simulatedNs = simulatedNs;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The simulated time the run had reached. */
  public long simulatedNs() {
    return simulatedNs;
  }
}

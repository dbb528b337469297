package io.smpsim.app.cli;

/** Exit codes of every smpsim command (DESIGN.md). */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int INVALID_INPUT = 2;
  public static final int ABORTED = 3;

  /** The run went to its end, but timeline commands did not exit as their entries expected. */
  public static final int UNEXPECTED = 4;

  private ExitCodes() {}
}

package io.smpsim.kernel.backtrace;

import io.smpsim.sim.SimMessage;

/** The messages of an NMI backtrace (lib/nmi_backtrace.c) between the asking CPU and the rest. */
public final class BacktraceMail {

  private BacktraceMail() {}

  /** This CPU's bit is set in {@code backtrace_mask} by {@code fromCpu}. */
  public record Request(int fromCpu) implements SimMessage {}

  /** {@code cpu} printed its backtrace and cleared its bit. */
  public record Done(int cpu) implements SimMessage {}

  /** The asking CPU's 10 s wait is over. */
  public record Timeout() implements SimMessage {}
}

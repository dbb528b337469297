package io.smpsim.kernel.sysctl;

import io.smpsim.sim.SimMessage;
import java.util.BitSet;

/**
 * The messages of an NMI backtrace (lib/nmi_backtrace.c) between the asking CPU and the rest.
 * They are declared here, with the machine-wide entity that holds {@code backtrace_flag} and
 * answers with {@link Flag}, so that the backtrace code depends on the sysctl entity and not
 * the other way round.
 */
public final class BacktraceMail {

  private BacktraceMail() {}

  /** What the backtrace code (NmiBacktrace) handles on a CPU. */
  public sealed interface Mail extends SimMessage permits Request, Done, Timeout, Flag, HandlerEnd {}

  /**
   * This CPU's bit is set in {@code backtrace_mask} by {@code fromCpu}, which sends the NMI to
   * {@code targets} CPUs at once.
   */
  public record Request(int fromCpu, int targets) implements Mail {}

  /**
   * The end of this CPU's nmi_cpu_backtrace_handler() run, {@code ns} after it began: the bit
   * for {@code fromCpu} is cleared and the NMI returns.
   */
  public record HandlerEnd(int fromCpu, long ns) implements Mail {}

  /** {@code cpu} printed its backtrace and cleared its bit. */
  public record Done(int cpu) implements Mail {}

  /** The asking CPU's 10 s wait is over. */
  public record Timeout() implements Mail {}

  /**
   * The answer to {@code test_and_set_bit(0, &backtrace_flag)}: whether this CPU set it (no
   * other backtrace was in progress), and {@code cpu_online_mask} as memory holds it.
   */
  public record Flag(boolean ok, BitSet online) implements Mail {}
}

package io.smpsim.kernel.panic;

import io.smpsim.sim.SimMessage;

/** Messages of smp_send_stop() between the panicking CPU and the others. */
public final class PanicMail {

  private PanicMail() {}

  /** The panicking CPU puts this CPU in {@code cpus_stop_mask}. */
  public record StopRequest(int panicCpu) implements SimMessage {}

  /** This CPU stopped (it cleared its bit of {@code cpus_stop_mask}). */
  public record Stopped(int cpu) implements SimMessage {}

  /** The answer to taking {@code lock}: this CPU holds it, or (panic) another CPU does. */
  public record Granted(KernelLock lock, boolean ok) implements SimMessage {}

  /** The panicking CPU's wait for the others is over (or needs its next step). */
  public record Step(int step) implements SimMessage {}
}

package io.smpsim.kernel.net.sched;

/**
 * Kernel code that never returns: a historical bug (a quirk) sent it round a loop that cannot
 * end. Thrown out of the control plane to the namespace, which tells the asking task's CPU to
 * spin where the loop is, for ever, as the real machine's CPU did.
 */
public final class EndlessLoop extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Where the CPU spins: {@code function+offset/size}, as a backtrace's RIP line shows it. */
  private final String rip;

  public EndlessLoop(String rip) {
    super("endless loop in " + rip, null, false, false);
    this.rip = rip;
  }

  /** Where the CPU spins, as {@code function+offset/size}. */
  public String rip() {
    return rip;
  }
}

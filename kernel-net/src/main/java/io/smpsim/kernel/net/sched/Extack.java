package io.smpsim.kernel.net.sched;

/**
 * The extended ack of one request: a warning the kernel attaches to a successful reply
 * ({@code NL_SET_ERR_MSG} without an error), printed by iproute2 as {@code Warning: ...}.
 */
public final class Extack {

  private String warning;

  public void warn(String message) {
    this.warning = message;
  }

  /** The warning, or {@code null}. */
  public String warning() {
    return warning;
  }
}

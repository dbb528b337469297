package io.smpsim.kernel.nmi;

import io.smpsim.sim.SimMessage;

/** Continuations of NMI handling on a CPU. */
public final class NmiMail {

  private NmiMail() {}

  /** io_check_error()'s wait is over: write {@code value} to port 0x61 and return. */
  public record IochkWaitDone(int value) implements SimMessage {}
}

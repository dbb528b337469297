package io.smpsim.kernel.nmi;

/**
 * A kernel debugger's last-resort handler (kgdb registers one on NMI_UNKNOWN): it may claim an
 * NMI nobody else explained, which keeps the kernel from calling it unknown.
 */
public record DebuggerNmiHandler() implements NmiHandler {

  @Override
  public String name() {
    return "kgdb";
  }

  @Override
  public int handle(NmiContext nmi) {
    return nmi.debugger();
  }
}

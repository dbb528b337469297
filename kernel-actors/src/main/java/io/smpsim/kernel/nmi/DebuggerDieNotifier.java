package io.smpsim.kernel.nmi;

/**
 * A debugger on the 2.6 die chain (kdb, kgdb of that era): it takes every NMI the chain offers
 * it as its own, so the watchdog and the unknown-NMI report stay silent while it is attached.
 */
public record DebuggerDieNotifier() implements DieNotifier {

  @Override
  public String name() {
    return "debugger";
  }

  @Override
  public int notify(DieEvent event, NmiContext nmi) {
    return nmi.debugger() > 0 ? NOTIFY_STOP : NOTIFY_DONE;
  }
}

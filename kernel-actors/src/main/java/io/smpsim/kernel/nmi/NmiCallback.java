package io.smpsim.kernel.nmi;

/**
 * The one NMI callback of the 2.6.18 NMI path ({@code set_nmi_callback()}, arch/i386/kernel/
 * traps.c): {@code do_nmi()} calls it first and runs {@code default_do_nmi()}, with the NMI
 * watchdog's tick, only if it returns 0. The die-notifier chain replaced it in 2.6.19.
 */
@FunctionalInterface
public interface NmiCallback {

  /** Whether the callback took the NMI (then the kernel's own NMI handling does not run). */
  boolean handle(NmiContext nmi);
}

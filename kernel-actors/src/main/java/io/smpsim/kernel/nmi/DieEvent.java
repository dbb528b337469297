package io.smpsim.kernel.nmi;

/** The die-notifier events of the NMI path (include/asm-x86_64/kdebug.h, 2.6). */
public enum DieEvent {
  /** An NMI with a chipset reason, or offered to the watchdog first. */
  DIE_NMI,
  /** An NMI without reason bits: an IPI, perhaps. */
  DIE_NMI_IPI,
  /** The NMI watchdog is about to report a lockup. */
  DIE_NMIWATCHDOG,
  /** An NMI nobody explained. */
  DIE_NMIUNKNOWN
}

package io.smpsim.kernel.nmi;

/** The NMI handler lists of arch/x86/include/asm/nmi.h. */
public enum NmiType {
  /** CPU-specific sources: perf (PMI), backtrace IPIs. Every handler is called. */
  LOCAL,
  /** Last resort for an NMI no other handler and no reason bit explains. */
  UNKNOWN,
  /** The chipset's PCI SERR. */
  SERR,
  /** The chipset's I/O channel check. */
  IO_CHECK
}

package io.smpsim.kernel.nmi;

import io.smpsim.hw.cpu.NmiSource;

/** What an NMI handler can look at and do on the CPU taking the NMI. */
public interface NmiContext {

  /** Where the NMI came from (the LVT entry, the IPI or the pin that delivered it). */
  NmiSource source();

  /** The NMI reason port as read ({@code inb(0x61)}), for the chipset handlers. */
  int reason();

  /** The perf PMI: the watchdog's counter overflowed on this CPU. */
  int perfOverflow();

  /** The kernel debugger's look at an NMI nobody claimed (kgdb-like): handled or not. */
  int debugger();

  /** nmi_cpu_backtrace(): 1 if this CPU was asked for its backtrace (and printed it). */
  int backtrace();
}

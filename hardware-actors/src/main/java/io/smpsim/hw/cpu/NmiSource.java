package io.smpsim.hw.cpu;

/** Where an NMI came from, as the local APIC knows it. */
public enum NmiSource {
  /** The LVT performance-counter entry (a PMU overflow). */
  PERF_COUNTER,
  /** An NMI IPI sent by another CPU (ICR delivery mode NMI). */
  IPI,
  /** LINT0 programmed with delivery mode NMI (the old IO-APIC watchdog's virtual wire). */
  LINT0,
  /** LINT1, the external NMI pin (chipset NMI sources: SERR, IOCHK, the NMI button). */
  LINT1,
  /** An IO-APIC redirection entry with delivery mode NMI. */
  IO_APIC
}

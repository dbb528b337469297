package io.smpsim.kernel.sysctl;

/**
 * Which hard-lockup detector a machine runs, as its {@code nmi_watchdog=} boot parameter chose.
 */
public enum NmiWatchdogMode {
  /** The modern perf-based detector (kernel/watchdog.c, kernel/watchdog_perf.c, 6.6). */
  PERF,
  /** 2.6 {@code nmi_watchdog=1}: PIT ticks broadcast as NMIs through every CPU's LINT0. */
  IO_APIC,
  /** 2.6 {@code nmi_watchdog=2}: each CPU's performance counter 0, delivered through LVTPC. */
  LOCAL_APIC;

  /** Whether this is one of the 2.6-era detectors (arch/x86/kernel/apic/nmi.c). */
  public boolean legacy() {
    return this != PERF;
  }
}

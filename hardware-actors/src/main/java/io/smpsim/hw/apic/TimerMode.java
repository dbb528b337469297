package io.smpsim.hw.apic;

/** LVT timer modes. */
public enum TimerMode {
  /** Fires once after the initial count. */
  ONE_SHOT,
  /** Fires every period. */
  PERIODIC,
  /** Fires when the TSC reaches the deadline (an absolute time). */
  TSC_DEADLINE
}

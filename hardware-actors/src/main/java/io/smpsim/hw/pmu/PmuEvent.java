package io.smpsim.hw.pmu;

/** The events a PMU counter can count (Intel SDM vol. 3, architectural performance events). */
public enum PmuEvent {
  /** Event 0x3c umask 0x00: core cycles while the core is not halted. */
  UNHALTED_CORE_CYCLES
}

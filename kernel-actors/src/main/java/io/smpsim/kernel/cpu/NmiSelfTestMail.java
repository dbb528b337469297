package io.smpsim.kernel.cpu;

import io.smpsim.sim.SimMessage;

/**
 * What the boot CPU's NMI watchdog self-test ({@link CheckNmiWatchdog}) and the other CPUs tell
 * each other: the NMI counts it reads, the busy-wait it starts and ends, and its verdicts.
 */
public sealed interface NmiSelfTestMail extends SimMessage {

  /** Read this CPU's NMI count ({@code nmi_count(cpu)}) for the test's {@code phase} (0, 1). */
  record Sample(int from, int phase) implements NmiSelfTestMail {}

  /** A CPU's NMI count for the test's {@code phase}. */
  record Count(int cpu, int phase, long nmis) implements NmiSelfTestMail {}

  /** smp_call_function(nmi_cpu_busy): spin with interrupts on until the end flag is set. */
  record Busy() implements NmiSelfTestMail {}

  /**
   * The end flag is set: a CPU in nmi_cpu_busy() returns; {@code slowNmiHz}: the test passed in
   * local APIC mode, so nmi_hz drops to 1.
   */
  record EndFlag(boolean slowNmiHz) implements NmiSelfTestMail {}

  /** The test found this CPU's NMI stuck: its watchdog is switched off. */
  record Stuck() implements NmiSelfTestMail {}

  /** cpu_up() of the early-test kernel: the AP enables its watchdog NMI (LVT0) only now. */
  record EnableNmi() implements NmiSelfTestMail {}
}

package io.smpsim.kernel.cpu;

import io.smpsim.sim.SimMessage;

/** Kernel messages delivered to a CPU's kernel code (through {@code Cpu.KernelMail}). */
public final class CpuMessages {

  private CpuMessages() {}

  /** An application processor has started and called in (smp_callin). */
  public record ApCallin(int cpu) implements SimMessage {}

  /** A step of the boot CPU's boot sequence, resumed after a delay. */
  public record BootStep(int step) implements SimMessage {}

  /** The application processor finished its start-up work. */
  public record ApStarted() implements SimMessage {}

  /** Send this CPU's interrupt counters to the shell job {@code job}. */
  public record QueryIrqStats(long job) implements SimMessage {}

  /** A CPU's answer to {@link QueryIrqStats}. */
  public record IrqStatsOf(int cpu, IrqStats stats) implements SimMessage {}
}

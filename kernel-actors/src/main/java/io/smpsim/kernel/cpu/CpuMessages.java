package io.smpsim.kernel.cpu;

import io.smpsim.kernel.core.IrqStats;
import io.smpsim.sim.SimMessage;
import java.util.List;

/** Kernel messages delivered to a CPU's kernel code (through {@code Cpu.KernelMail}). */
public final class CpuMessages {

  private CpuMessages() {}

  /**
   * An application processor has started and called in (smp_callin); {@code calibration} is
   * what its calibrate_delay() printed on the way.
   */
  public record ApCallin(int cpu, List<String> calibration) implements SimMessage {
    public ApCallin {
      calibration = List.copyOf(calibration);
    }
  }

  /** A step of the boot CPU's boot sequence, resumed after a delay. */
  public record BootStep(int step) implements SimMessage {}

  /** do_boot_cpu()'s wait for {@code ap}'s first sign of life ran out. */
  public record ApWakeupTimeout(int ap) implements SimMessage {}

  /** The application processor finished its start-up work. */
  public record ApStarted() implements SimMessage {}

  /** Send this CPU's interrupt counters to the shell job {@code job}. */
  public record QueryIrqStats(long job) implements SimMessage {}

  /** A CPU's answer to {@link QueryIrqStats}. */
  public record IrqStatsOf(int cpu, IrqStats stats) implements SimMessage {}

  /** A function to run on this CPU when its CALL_FUNCTION IPI arrives (smp_call_function). */
  public record CallFunction(CallFn fn, int from) implements SimMessage {}

  /** The function {@code from} asked for has run on {@code cpu} (on_each_cpu with wait). */
  public record CallDone(int cpu) implements SimMessage {}

  /** A CPU in a touch_nmi_watchdog() busy-wait started (+1) or ended (-1): 2.6 touches all. */
  public record LegacyTouch(int delta) implements SimMessage {}

  /**
   * tick_clock_notify(): a clocksource valid for high resolution is in use; at its next tick
   * the CPU switches to one-shot mode, where NO_HZ idle can stop the tick.
   */
  public record ClockNotify() implements SimMessage {}

  /** The functions CPUs run for each other. */
  public enum CallFn {
    /** acpi_nmi_disable(): mask LVT0 (the IO-APIC watchdog's NMI). */
    ACPI_NMI_DISABLE,
    /** acpi_nmi_enable(): unmask it again. */
    ACPI_NMI_ENABLE
  }
}

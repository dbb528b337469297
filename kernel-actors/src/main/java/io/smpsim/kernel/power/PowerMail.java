package io.smpsim.kernel.power;

import io.smpsim.sim.SimMessage;

/** What the PM core asks of the boot CPU's kernel (delivered through {@code Cpu.KernelMail}). */
public final class PowerMail {

  private PowerMail() {}

  /**
   * Interrupts off, then syscore_suspend(): timekeeping suspended (the tick and the watchdog
   * hrtimer stop with the local APIC timer), the 2.6 lapic_nmi sysdev silences the NMI watchdog;
   * then the platform's enter: the CPU sleeps (halted, interrupts off) until woken.
   */
  public record SyscoreSuspend() implements SimMessage {}

  /**
   * syscore_resume(): timekeeping_resume() touches the soft-lockup watchdog, the hrtimers (tick,
   * watchdog) run again, the NMI watchdog is re-armed; then interrupts on.
   */
  public record SyscoreResume() implements SimMessage {}
}

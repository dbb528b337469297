package io.smpsim.kernel.hotplug;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.hw.cpu.CpuContext;

/**
 * wakeup_secondary_cpu_via_init() (arch/x86/kernel/smpboot.c) for a runtime online: INIT to the
 * AP, then two STARTUP IPIs whose vector is the real-mode trampoline page; an AP that already
 * started ignores the second.
 */
public final class ApWakeup {

  /** Wait after INIT and between the two STARTUPs (modern CPUs: 10 us). */
  public static final long SIPI_DELAY_NS = 10_000;
  /** The trampoline page number (start address 0x9a000 >> 12). */
  public static final int TRAMPOLINE_PAGE = 0x9a;

  private ApWakeup() {}

  /** Sends INIT to {@code ap} and schedules its two STARTUP IPIs on the control CPU. */
  public static void kick(CpuContext control, int ap) {
    int apicId = control.topology().apicId(ap);
    control.apic(new LocalApic.WriteIcr(DeliveryMode.INIT, Shorthand.NONE, apicId, 0));
    control.later(SIPI_DELAY_NS, new HotplugMail.Sipi(ap));
    control.later(2 * SIPI_DELAY_NS, new HotplugMail.Sipi(ap));
  }

  /** One STARTUP IPI to {@code ap}. */
  public static void startup(CpuContext control, int ap) {
    control.apic(new LocalApic.WriteIcr(DeliveryMode.STARTUP, Shorthand.NONE,
        control.topology().apicId(ap), TRAMPOLINE_PAGE));
  }
}

package io.smpsim.kernel.hotplug;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.hw.cpu.CpuContext;
import io.smpsim.kernel.MachineConfig;

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
  /**
   * How long do_boot_cpu() waits, after the STARTUP IPIs, for the AP's first sign of life
   * (cpu_initialized_mask): {@code jiffies + 10*HZ} (arch/x86/kernel/smpboot.c, 6.1).
   */
  public static final long FIRST_SIGN_OF_LIFE_NS = 10_000_000_000L;
  /** From INIT to do_boot_cpu() giving up on an AP that never answers. */
  public static final long GIVE_UP_NS = 2 * SIPI_DELAY_NS + FIRST_SIGN_OF_LIFE_NS;

  private ApWakeup() {}

  /**
   * Whether the machine's APs show their first sign of life before do_boot_cpu() gives up:
   * an AP whose start-up takes longer reaches cpu_init() too late and spins for ever in
   * wait_for_master_cpu(), as cpu_callout_mask is never set for it. Both sides apply this one
   * rule (the AP's start-up time is the machine's), so no message is needed for it.
   */
  public static boolean answersInTime(MachineConfig config) {
    return config.apStartupNs() < FIRST_SIGN_OF_LIFE_NS;
  }

  /** do_boot_cpu() gave up on {@code ap}: native_cpu_up()'s error line. */
  public static String failedLine(int ap) {
    return "smpboot: do_boot_cpu failed(-1) to wakeup CPU#" + ap;
  }

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

package io.smpsim.kernel.cpu;

import io.smpsim.hw.apic.IoApic;
import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.hotplug.CpuHotplug;

/**
 * The PC's legacy devices as a 6.x boot requests their interrupts, in the kernel's order: the
 * ACPI SCI (IRQ 9, acpi_bus_init, a subsys initcall), the i8042's AUX port (IRQ 12) and
 * keyboard (IRQ 1, i8042_probe), the CMOS RTC (IRQ 8, rtc_cmos) among the device initcalls, and
 * the serial console's port (IRQ 4) when init opens /dev/console. Each request_irq() activates
 * its IO-APIC pin on the CPU the vector matrix picks ({@link IrqMatrix}) and routes the pin
 * there; the i8042's probe then takes the interrupts of the bytes its devices answer.
 */
final class LegacyDevices {

  static final int ACPI_IRQ = 9;
  static final int I8042_KBD_IRQ = 1;
  static final int I8042_AUX_IRQ = 12;
  static final int RTC_IRQ = 8;
  static final int SERIAL_IRQ = 4;

  /**
   * The AUX interrupts of the i8042 probe: i8042_check_aux() requests IRQ 12 for its own
   * handler, has the controller loop one byte back through the AUX port and waits for the
   * interrupt (drivers/input/serio/i8042.c), then frees it. No mouse driver is built in
   * (psmouse is a module), so nothing talks to the AUX port afterwards.
   */
  static final int AUX_TEST_IRQS = 1;
  /**
   * The keyboard's answers while atkbd connects (drivers/input/keyboard/atkbd.c), one interrupt
   * per byte: GETID (ACK and two ID bytes), the RESET_DIS that ends atkbd_probe() (ACK), SETLEDS
   * and SETREP of atkbd_reset_state() (an ACK for the command and one for its parameter each),
   * and atkbd_activate()'s ENABLE (ACK); a translated set 2 needs no scan-set commands.
   */
  static final int ATKBD_CONNECT_IRQS = 3 + 1 + 2 + 2 + 1;

  private LegacyDevices() {}

  /**
   * The subsys and device initcalls, run on the boot CPU once the secondary CPUs are up:
   * kbd_init()'s keyboard tasklet (vty_init, from tty_init), the SCI, the i8042 probe with its
   * interrupts, the RTC.
   */
  static void initcalls(LinuxCpu cpu, IrqMatrix matrix) {
    // drivers/tty/vt/keyboard.c kbd_init(): tasklet_schedule(&keyboard_tasklet) on this CPU.
    cpu.irqs().softirqs[IrqStats.TASKLET_SOFTIRQ]++;
    route(cpu, ACPI_IRQ, matrix.alloc());
    int test = matrix.alloc();
    route(cpu, I8042_AUX_IRQ, test);
    raise(cpu, I8042_AUX_IRQ, AUX_TEST_IRQS);
    matrix.free(test);
    route(cpu, I8042_AUX_IRQ, matrix.alloc());
    route(cpu, I8042_KBD_IRQ, matrix.alloc());
    raise(cpu, I8042_KBD_IRQ, ATKBD_CONNECT_IRQS);
    route(cpu, RTC_IRQ, matrix.alloc());
    if (cpu.config().kernel().major() >= 6 && !cpu.boot().hpetDisabled()) {
      // drivers/rtc/rtc-cmos.c cmos_do_probe(): with the HPET's RTC emulation
      // (use_hpet_alarm), hpet_rtc_timer_init() (arch/x86/kernel/hpet.c) arms channel 1 one
      // shot, hpet_default_delta (1/64 s) ahead, just before request_irq(); in legacy
      // replacement mode channel 1 is IRQ 8. hpet_rtc_interrupt() -> hpet_rtc_timer_reinit()
      // finds no RTC interrupt enabled (hpet_rtc_flags 0) and disables the channel: rtc0
      // takes that one interrupt.
      cpu.hw().send(cpu.layout().ioApic(), HPET_RTC_DELTA_NS, new IoApic.Irq(RTC_IRQ));
    }
  }

  /** hpet_default_delta: one period of DEFAULT_RTC_INT_FREQ (64 Hz). */
  static final long HPET_RTC_DELTA_NS = 1_000_000_000L / 64;

  /**
   * console_on_rootfs(): init's /dev/console is the serial port when the console is ttyS0, and
   * opening it requests the port's interrupt (serial8250_startup -> univ8250_setup_irq).
   */
  static void consoleOpened(LinuxCpu cpu, IrqMatrix matrix) {
    if (cpu.config().kernelCmdline().consoleOn("ttyS0")) {
      route(cpu, SERIAL_IRQ, matrix.alloc());
    }
  }

  /**
   * The IO-APIC pin of ISA IRQ {@code irq} goes to {@code target}'s local APIC; the hotplug
   * code keeps it as the pin's effective CPU (fixup_irqs moves it off a CPU going down).
   */
  private static void route(LinuxCpu cpu, int irq, int target) {
    cpu.hw().send(cpu.layout().hotplug(), cpu.config().timings().mmio(),
        new CpuHotplug.RouteIrq(irq, target));
  }

  /**
   * The device raises its pin {@code times} times, one byte's answer after another, once its
   * driver has the interrupt: a PS/2 byte takes about a millisecond on the wire (11 bits at
   * 10-16.7 kHz).
   */
  private static void raise(LinuxCpu cpu, int irq, int times) {
    for (int i = 1; i <= times; i++) {
      cpu.hw().send(cpu.layout().ioApic(), i * PS2_BYTE_NS, new IoApic.Irq(irq));
    }
  }

  /** One byte on the PS/2 wire. */
  static final long PS2_BYTE_NS = 1_000_000;
}

package io.smpsim.kernel.acpi;

import io.smpsim.sim.serialization.WireMessage;

/**
 * The machine's ACPI namespace as acpi_ns_initialize_devices() walks it at boot: the devices
 * whose {@code _INI} methods run, one after the other, and how long each takes. The firmware
 * is the ThinkPad T60's: its {@code _INI} methods store to chipset registers, and an NMI from
 * the chipset (the IO-APIC watchdog's timer NMI through LINT0, or LINT1) arriving in the middle
 * wedges the machine for good, as Ingo Molnar found in December 2006.
 */
public final class AcpiNamespace implements WireMessage {

  /** The devices with an _INI method, in namespace order. */
  static final String[] DEVICES = {"\\_SB_.PCI0", "\\_SB_.PCI0.LPC_.EC__", "\\_SB_.PCI0.LPC_.HPET",
      "\\_SB_.PCI0.VID_", "\\_SB_.PCI0.EXP0", "\\_SB_.PCI0.USB0"};
  /** How long each _INI runs. */
  public static final long INI_NS = 1_000_000L;

  private int next;

  /** Whether another device's _INI is left. */
  public boolean more() {
    return next < DEVICES.length;
  }

  /** The next device whose _INI runs. */
  public String nextDevice() {
    return DEVICES[next++];
  }

  public static int count() {
    return DEVICES.length;
  }
}

package io.smpsim.hw.apic;

/** Delivery modes of the ICR and LVT entries (Intel SDM vol. 3, 10.6.1; values in bits 8-10). */
public enum DeliveryMode {
  FIXED(0x000),
  LOWEST_PRIORITY(0x100),
  SMI(0x200),
  NMI(0x400),
  INIT(0x500),
  STARTUP(0x600),
  EXTINT(0x700);

  private final int bits;

  DeliveryMode(int bits) {
    this.bits = bits;
  }

  /** The value in the ICR/LVT delivery-mode field. */
  public int bits() {
    return bits;
  }
}

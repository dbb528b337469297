package io.smpsim.hw.apic;

/** ICR destination shorthand (bits 18-19). */
public enum Shorthand {
  /** Use the destination field. */
  NONE(0x00000),
  SELF(0x40000),
  ALL_INCLUDING_SELF(0x80000),
  ALL_EXCLUDING_SELF(0xC0000);

  private final int bits;

  Shorthand(int bits) {
    this.bits = bits;
  }

  public int bits() {
    return bits;
  }
}

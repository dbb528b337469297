package io.smpsim.hw.apic;

/** The local vector table entries of a local APIC (xAPIC offsets). */
public enum Lvt {
  TIMER(0x320),
  THERMAL(0x330),
  PERF_COUNTER(0x340),
  LINT0(0x350),
  LINT1(0x360),
  ERROR(0x370);

  private final int offset;

  Lvt(int offset) {
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}

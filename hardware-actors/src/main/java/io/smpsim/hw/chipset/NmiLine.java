package io.smpsim.hw.chipset;

/** The chipset's NMI sources. */
public enum NmiLine {
  /** PCI SERR#: a system error reported by a device (port 0x61 bit 7). */
  SERR,
  /** I/O channel check: IOCHK#, also the front-panel NMI button on many servers (bit 6). */
  IOCHK
}

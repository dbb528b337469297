package io.smpsim.hw.apic;

import io.smpsim.sim.serialization.WireMessage;

/**
 * The programmable part of one LVT entry.
 *
 * @param vector the interrupt vector (fixed delivery)
 * @param mode the delivery mode (fixed, NMI, ExtINT)
 * @param masked the mask bit (16): a masked entry delivers nothing
 */
public record LvtEntry(int vector, DeliveryMode mode, boolean masked) implements WireMessage {

  /** The state after reset: masked. */
  public static final LvtEntry MASKED = new LvtEntry(0, DeliveryMode.FIXED, true);

  public static LvtEntry fixed(int vector) {
    return new LvtEntry(vector, DeliveryMode.FIXED, false);
  }

  public static LvtEntry nmi() {
    return new LvtEntry(2, DeliveryMode.NMI, false);
  }

  public LvtEntry withMasked(boolean m) {
    return new LvtEntry(vector, mode, m);
  }
}

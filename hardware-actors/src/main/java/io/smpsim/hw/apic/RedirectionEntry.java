package io.smpsim.hw.apic;

import io.smpsim.sim.serialization.WireMessage;

/**
 * One IO-APIC redirection table entry.
 *
 * @param vector the vector delivered
 * @param mode fixed or NMI
 * @param destApicId the destination APIC id (physical mode), or -1 for every CPU
 * @param masked whether the pin is masked
 */
public record RedirectionEntry(int vector, DeliveryMode mode, int destApicId, boolean masked)
    implements WireMessage {

  public static final RedirectionEntry MASKED =
      new RedirectionEntry(0, DeliveryMode.FIXED, 0, true);
}

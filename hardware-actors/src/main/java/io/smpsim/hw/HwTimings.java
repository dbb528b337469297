package io.smpsim.hw;

import io.smpsim.sim.serialization.WireMessage;

/**
 * Delivery latencies of the machine's buses, in simulated ns. They are configuration, each at
 * least the engine's lookahead.
 *
 * @param interruptDelivery local APIC to its CPU (an accepted interrupt, NMI, INIT or SIPI)
 * @param ipi one local APIC to another over the APIC bus / system interconnect
 * @param ioApic a device interrupt through the IO-APIC to a local APIC
 * @param mmio a CPU's write to a device register (its local APIC, a timer)
 */
public record HwTimings(long interruptDelivery, long ipi, long ioApic, long mmio)
    implements WireMessage {

  /** Every latency set to {@code l}. */
  public static HwTimings uniform(long l) {
    return new HwTimings(l, l, l, l);
  }
}

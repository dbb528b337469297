package io.smpsim.hw.nic;

import io.smpsim.sim.SimMessage;

/**
 * What the host of a NIC accepts: the NIC's TX completions and received frames (an MSI-X
 * interrupt with the descriptors it reports). Hardware knows no kernel: the host entity, the
 * kernel's network stack of the machine, declares its own protocol as an extension of this one,
 * so a NIC can address it without knowing what else it understands.
 */
public interface NicHost extends SimMessage {}

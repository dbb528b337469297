package io.smpsim.kernel.net;

import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.hw.nic.Nic;
import io.smpsim.hw.nic.NicConfig;
import io.smpsim.sim.Address;
import java.util.List;

/**
 * What a machine's network namespace needs to know of its machine, given by the machine's
 * assembly so that networking knows nothing of the rest of the kernel.
 *
 * @param machine the machine's index in the scenario (its NICs' addresses derive from it)
 * @param cpus number of CPUs (per-CPU qdisc and socket state)
 * @param nics the machine's NICs, in order
 * @param nicAddresses the NIC entities, in the same order
 * @param mmioNs the latency of a register access, the namespace's latency to its NICs and askers
 * @param cpuAddresses the CPU entities, by CPU number (senders run there)
 * @param apicAddresses the CPUs' local APICs, by CPU number (NIC vectors' MSI writes go there)
 */
public record NetnsConfig(int machine, int cpus, List<NicConfig> nics,
    List<Address<Nic.Command>> nicAddresses, long mmioNs, List<Address<Cpu.Command>> cpuAddresses,
    List<Address<LocalApic.Command>> apicAddresses) {}

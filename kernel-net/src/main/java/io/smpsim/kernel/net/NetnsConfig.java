package io.smpsim.kernel.net;

import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.hw.nic.Nic;
import io.smpsim.hw.nic.NicConfig;
import io.smpsim.hw.nic.NicHost;
import io.smpsim.kernel.net.sched.SchedQuirk;
import io.smpsim.sim.Address;
import java.util.List;
import java.util.Set;

/**
 * What a machine's network namespace and its TX queue entities need to know of their machine,
 * given by the machine's assembly so that networking knows nothing of the rest of the kernel.
 *
 * @param machine the machine's index in the scenario (its NICs' addresses derive from it)
 * @param cpus number of CPUs (per-CPU qdisc and socket state)
 * @param nics the machine's NICs, in order
 * @param nicAddresses the NIC entities, in the same order
 * @param mmioNs the latency of a register access, the namespace's latency to its NICs and askers
 * @param cpuAddresses the CPU entities, by CPU number (senders run there)
 * @param apicAddresses the CPUs' local APICs, by CPU number (NIC vectors' MSI writes go there)
 * @param schedQuirks the packet scheduler's historical bugs the machine reproduces
 * @param hrtimerResNs the hrtimers' resolution (hrtimer_resolution): 1 ns in high-resolution
 *     mode, a jiffy ({@code TICK_NSEC}) when it is off; qdisc watchdogs fire on that grid
 * @param netns the namespace entity (rtnetlink, the senders, the receive side)
 * @param txQueueAddresses the {@link NetdevTxQueue} entities: NIC 0's TX queues in order, then
 *     NIC 1's, ...
 * @param tickNs a jiffy (1/HZ): the CPUs' ticks fall on its multiples, and RCU's grace periods
 *     and callbacks follow them
 */
public record NetnsConfig(int machine, int cpus, List<NicConfig> nics,
    List<Address<Nic.Command>> nicAddresses, long mmioNs, List<Address<Cpu.Command>> cpuAddresses,
    List<Address<LocalApic.Command>> apicAddresses, Set<SchedQuirk> schedQuirks,
    long hrtimerResNs, Address<NicHost> netns,
    List<Address<NetdevTxQueue.Command>> txQueueAddresses, long tickNs) {

  /** The index of TX queue {@code txq} of NIC {@code nic} among the machine's TX queues. */
  public int txQueueIndex(int nic, int txq) {
    int i = 0;
    for (int n = 0; n < nic; n++) {
      i += nics.get(n).txQueues();
    }
    return i + txq;
  }

  /** The entity of TX queue {@code txq} of NIC {@code nic}. */
  public Address<NetdevTxQueue.Command> txQueue(int nic, int txq) {
    return txQueueAddresses.get(txQueueIndex(nic, txq));
  }

  /** The number of TX queues of the machine's NICs (one entity each). */
  public static int txQueueCount(List<NicConfig> nics) {
    int n = 0;
    for (NicConfig c : nics) {
      n += c.txQueues();
    }
    return n;
  }
}

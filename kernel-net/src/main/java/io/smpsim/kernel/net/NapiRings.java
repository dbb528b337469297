package io.smpsim.kernel.net;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.nic.NicHost;
import io.smpsim.sim.EntityContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What the NICs wrote back and the NAPI polls have not taken yet, per NIC vector: TX
 * completions and received frames, oldest first (the rings' done descriptors). A write-back
 * raises the vector on the CPU its affinity names; the vector's handler schedules the poll that
 * takes them ({@link NetDataPath#napiPoll}).
 */
final class NapiRings {

  private final NetnsConfig config;
  private final NicVectors vectors;
  private final List<ArrayDeque<NicHost>> pending = new ArrayList<>();

  NapiRings(NetnsConfig config, NicVectors vectors) {
    this.config = config;
    this.vectors = vectors;
    for (int v = 0; v < vectors.size(); v++) {
      pending.add(new ArrayDeque<>());
    }
  }

  /**
   * The NIC wrote back a TX completion or a received frame: it waits in the queue pair's ring
   * until the NAPI poll of its vector runs on the vector's CPU; the NIC raises the vector.
   */
  void fromNic(EntityContext ctx, int nic, int queue, NicHost event) {
    int v = vectors.vectorOf(nic, queue);
    pending.get(v).add(event);
    raise(ctx, v);
  }

  /** What vector {@code v}'s poll takes: everything written back since its last poll. */
  ArrayDeque<NicHost> of(int v) {
    return pending.get(v);
  }

  /**
   * fixup_irqs() and irq_set_affinity() retrigger a vector that was pending on the CPU it left
   * (arch/x86/kernel/irq.c fixup_irqs() checks the IRR): a vector whose events wait for a poll
   * is raised again on its new CPU. {@code before}: each vector's CPU before the move.
   */
  void retrigger(EntityContext ctx, int[] before) {
    for (int v = 0; v < pending.size(); v++) {
      if (!pending.get(v).isEmpty() && vectors.cpuOf(v) != before[v]) {
        raise(ctx, v);
      }
    }
  }

  /**
   * The NIC raises vector {@code v}: its MSI write reaches the local APIC of the CPU the
   * vector's affinity names, and the CPU takes it once its interrupts are enabled (until then
   * it stays pending there, as a hard-locked CPU keeps it).
   */
  private void raise(EntityContext ctx, int v) {
    int to = vectors.cpuOf(v);
    if (to >= 0) {
      ctx.send(config.apicAddresses().get(to), config.mmioNs(),
          new LocalApic.Routed(NicVectors.FIRST_VECTOR + v, DeliveryMode.FIXED));
    }
  }
}

package io.smpsim.kernel.net;

import io.smpsim.sim.SimMessage;

/**
 * What the network namespace asks of a CPU's kernel (carried as the CPU's kernel mail): run a
 * sending task, take a NIC queue's interrupt, raise NET_TX. The kernel's networking glue
 * handles them on the CPU and answers the namespace with {@link Netns.SenderRan} or
 * {@link Netns.SenderParked}.
 */
public sealed interface NetCpuMail extends SimMessage {

  /**
   * wake_up_process() of flow {@code flow}'s sending task, bound to this CPU: once the CPU can
   * schedule it, it runs {@code __dev_queue_xmit()} for the flow's due packet.
   */
  record SenderWake(int flow) implements NetCpuMail {
    @Override
    public long traceId() {
      return flow;
    }
  }

  /**
   * A NIC queue's MSI-X vector {@code vector} (the namespace's vector number) fires on this CPU:
   * its handler schedules NAPI, whose poll runs in NET_RX softirq (TX completions and received
   * packets alike); {@code netTx}: the poll woke a stopped TX queue, raising NET_TX.
   */
  record NicIrq(int vector, boolean netTx) implements NetCpuMail {
    @Override
    public long traceId() {
      return vector * 2L + (netTx ? 1 : 0);
    }
  }

  /**
   * __netif_schedule() on this CPU, {@code times} times: qdisc_run() spent its quota
   * (dev_tx_weight packets) and left the rest to NET_TX softirq.
   */
  record RaiseNetTx(int times) implements NetCpuMail {
    @Override
    public long traceId() {
      return times;
    }
  }
}

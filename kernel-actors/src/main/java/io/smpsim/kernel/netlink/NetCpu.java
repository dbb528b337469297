package io.smpsim.kernel.netlink;

import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.net.NetCpuMail;
import io.smpsim.kernel.net.NicVectors;
import io.smpsim.kernel.net.Netns;

/**
 * Networking on a CPU: the sending tasks the network namespace wakes here, its NIC vectors'
 * interrupts with the NAPI poll in NET_RX softirq, NET_TX raised by qdisc_run(), and telling
 * the namespace when this CPU comes and goes (its senders wait, its vectors move).
 */
final class NetCpu {

  /**
   * What one sendmsg() down to __dev_queue_xmit() costs the sending CPU: the namespace gets the
   * packet this long after the task ran (a UDP send of a small datagram takes about 2 us).
   */
  static final long XMIT_NS = 2_000;

  private NetCpu() {}

  /**
   * The task of {@code w}'s flow runs (the mail waited until nothing pinned the CPU): it sends
   * through the stack; on an offline CPU it stays parked until the CPU is back.
   */
  static void senderWake(KernelCpu cpu, NetCpuMail.SenderWake w) {
    if (!cpu.online()) {
      cpu.hw().send(cpu.layout().netns(), cpu.config().timings().mmio(),
          new Netns.SenderParked(w.flow(), cpu.index()));
      return;
    }
    cpu.hw().send(cpu.layout().netns(), Math.max(XMIT_NS, cpu.config().timings().mmio()),
        new Netns.SenderRan(w.flow()));
  }

  /**
   * A NIC queue vector fires: counted in its /proc/interrupts row, and its handler's
   * napi_schedule() runs the poll in NET_RX (net/core/dev.c net_rx_action); the poll's
   * netif_tx_wake_queue() raises NET_TX. A CPU with interrupts off (a hard lockup) or offline
   * takes nothing.
   */
  static void nicIrq(KernelCpu cpu, NetCpuMail.NicIrq irq) {
    if (!cpu.online() || !cpu.irqsOn()) {
      return;
    }
    IrqStats s = cpu.irqs();
    s.countIrq(NicVectors.FIRST_IRQ + irq.vector());
    s.softirqs[IrqStats.NET_RX_SOFTIRQ]++;
    if (irq.netTx()) {
      s.softirqs[IrqStats.NET_TX_SOFTIRQ]++;
    }
  }

  /** qdisc_run() left packets to NET_TX on this CPU. */
  static void raiseNetTx(KernelCpu cpu, NetCpuMail.RaiseNetTx r) {
    if (cpu.online()) {
      cpu.irqs().softirqs[IrqStats.NET_TX_SOFTIRQ] += r.times();
    }
  }

  /** cpuhp: the namespace learns this CPU came online or went offline. */
  static void onlineChanged(KernelCpu cpu, boolean online) {
    cpu.hw().send(cpu.layout().netns(), cpu.config().timings().mmio(),
        new Netns.CpuOnline(cpu.index(), online));
  }
}

package io.smpsim.kernel.netlink;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.core.Vectors;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.kernel.task.TaskKind;
import io.smpsim.kernel.task.TaskMail;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.net.NetCpuMail;
import io.smpsim.kernel.net.NicVectors;
import io.smpsim.kernel.net.Netns;
import io.smpsim.kernel.net.QdiscLockReleased;

/**
 * Networking on a CPU: the sending tasks the network namespace wakes here, its NIC vectors'
 * interrupts with the NAPI poll in NET_RX softirq, NET_TX raised by qdisc_run(), and telling
 * the namespace when this CPU comes and goes (its senders wait, its vectors move).
 */
final class NetCpu {

  /**
   * What one sendmsg() down to __dev_queue_xmit() costs the sending CPU: the packet reaches its
   * TX queue's qdisc this long after the task ran (a UDP send of a small datagram takes about
   * 2 us).
   */
  static final long XMIT_NS = 2_000;

  private NetCpu() {}

  /**
   * The task of {@code w}'s flow runs (the mail waited until nothing pinned the CPU) once the
   * transmit work charged to the CPU is done ({@link XmitBusy}): it sends through the stack; on
   * an offline CPU it stays parked until the CPU is back.
   */
  static void senderWake(KernelCpu cpu, NetCpuMail.SenderWake w) {
    if (!cpu.online()) {
      cpu.hw().send(cpu.layout().netns(), cpu.config().timings().mmio(),
          new Netns.SenderParked(w.flow(), cpu.index()));
      return;
    }
    // The socket layer runs in the namespace, __dev_queue_xmit() one hop on in the TX queue's
    // entity: the packet reaches the qdisc XMIT_NS after the task ran, once the CPU has done the
    // work it already owes.
    long busy = cpu.get(XmitBusy.KEY).remaining(cpu.hw().now());
    long mmio = cpu.config().timings().mmio();
    cpu.hw().send(cpu.layout().netns(), busy + Math.max(XMIT_NS - mmio, mmio),
        new Netns.SenderRan(w.flow()));
  }

  /**
   * The transmit path this CPU ran cost it {@code c.ns()} (enqueue, qdisc_run(), a class lookup
   * walk): the CPU is in the kernel that long after the work it already owes.
   */
  static void xmitCost(KernelCpu cpu, NetCpuMail.XmitCost c) {
    if (!cpu.online()) {
      return;
    }
    cpu.get(XmitBusy.KEY).charge(cpu.hw().now(), c.ns());
    cpu.accountSystemTime(c.ns());
  }

  /**
   * A NIC queue's MSI-X vector is taken (the CPU had interrupts on, or just re-enabled them):
   * counted in its /proc/interrupts row, and its handler's napi_schedule() runs the poll in
   * NET_RX (net/core/dev.c net_rx_action), which the namespace runs on the vector's pending
   * completions and frames.
   */
  static void nicVector(KernelCpu cpu, int x86Vector) {
    int v = x86Vector - NicVectors.FIRST_VECTOR;
    if (!cpu.online() || v >= NicVectors.count(cpu.config().nics())) {
      return;
    }
    IrqStats s = cpu.irqs();
    s.countIrq(NicVectors.FIRST_IRQ + v);
    s.softirqs[IrqStats.NET_RX_SOFTIRQ]++;
    cpu.hw().send(cpu.layout().netns(), cpu.config().timings().mmio(),
        new Netns.NapiPoll(v, cpu.index()));
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

  /**
   * The sending task's comm while it spins on a qdisc root lock: the traffic generator's
   * sending thread bound to this CPU.
   */
  static String senderComm(int cpu) {
    return "traffic/" + cpu;
  }

  /**
   * The pid smpsim gives the traffic generator's sending thread bound to {@code cpu} (the
   * generator is no process the shell started, so it has no pid of the shell's).
   */
  static int senderPid(int cpu) {
    return SENDER_PID_BASE + cpu;
  }

  /**
   * A UDP sendto() down to the root lock in __dev_xmit_skb() (inlined in __dev_queue_xmit(),
   * net/core/dev.c), the call trace of a 6.1 kernel under the slow path.
   */
  static final String SENDTO_XMIT = String.join("\n",
      " _raw_spin_lock+0x29/0x30",
      " __dev_queue_xmit+0x27c/0xcd0",
      " ip_finish_output2+0x290/0x560",
      " ip_send_skb+0x4a/0x90",
      " udp_send_skb+0x15c/0x380",
      " udp_sendmsg+0xb89/0xe30",
      " sock_sendmsg+0x5d/0x70",
      " __sys_sendto+0x113/0x190",
      " __x64_sys_sendto+0x24/0x30",
      " do_syscall_64+0x58/0xc0",
      " entry_SYSCALL_64_after_hwframe+0x64/0xce");

  /** The first pid of the sending threads: above the shell's pids of a short scenario. */
  static final int SENDER_PID_BASE = 30000;

  /**
   * The sender that just ran here found its qdisc root lock held: it spins in spin_lock() with
   * preemption off and interrupts on, as the inject spinlock waiter does (the soft-lockup
   * detector sees it); woken onto this CPU's runqueue, then a RESCHEDULE IPI to itself.
   */
  static void spinOnQdiscLock(KernelCpu cpu, NetCpuMail.SpinOnQdiscLock s) {
    if (cpu.current() != null && cpu.current().kind() == TaskKind.SPINLOCK_WAIT) {
      return;
    }
    CpuTask t = new CpuTask(senderComm(cpu.index()), senderPid(cpu.index()),
        TaskKind.SPINLOCK_WAIT, -1, s.holderCpu(), SENDTO_XMIT);
    wakeHere(cpu, t);
  }

  /**
   * The qdisc watchdog's hrtimer interrupt, on the idle CPU its queue's vector names, whose
   * callback (qdisc_run() from the timer, the quirk qdisc-run-from-watchdog) spins on the queue
   * lock tc holds on {@code w.holderCpu()}: interrupts off, for ever.
   */
  static void watchdogSpin(KernelCpu cpu, NetCpuMail.WatchdogSpin w) {
    CpuTask t = new CpuTask("swapper/" + cpu.index(), 0, TaskKind.QDISC_WATCHDOG_SPIN, -1,
        w.holderCpu(), WATCHDOG_IRQ);
    wakeHere(cpu, t);
  }

  /** {@code t} woken onto this CPU's runqueue, then a RESCHEDULE IPI to itself. */
  private static void wakeHere(KernelCpu cpu, CpuTask t) {
    cpu.mail(cpu.index(), new TaskMail.Wake(t));
    cpu.hw().send(cpu.layout().apic(cpu.index()), cpu.config().timings().mmio(),
        new LocalApic.WriteIcr(DeliveryMode.FIXED, Shorthand.SELF,
            cpu.layout().apicId(cpu.index()), Vectors.RESCHEDULE));
  }

  /** The hrtimer interrupt down to the qdisc watchdog's spin_lock(), over the idle loop. */
  static final String WATCHDOG_IRQ = String.join("\n",
      " _raw_spin_lock+0x29/0x30",
      " qdisc_watchdog+0x27/0x40",
      " __hrtimer_run_queues+0x12a/0x2b0",
      " hrtimer_interrupt+0xfc/0x220",
      " __sysvec_apic_timer_interrupt+0x5f/0x140",
      " sysvec_apic_timer_interrupt+0x6d/0x90",
      " asm_sysvec_apic_timer_interrupt+0x16/0x20",
      " default_idle+0x9/0x20",
      " default_idle_call+0x2c/0xe0",
      " do_idle+0x226/0x270",
      " cpu_startup_entry+0x1d/0x20",
      " start_secondary+0x11b/0x140");

  /** The lock is the sender's: it stops spinning (the lock holder's release, as inject's). */
  static void qdiscLockGranted(KernelCpu cpu, NetCpuMail.QdiscLockGranted g) {
    cpu.mail(cpu.index(), new TaskMail.LockReleased(g.holderCpu()));
  }

  /**
   * A context switch away from a qdisc lock holder (a LOCK_HOLDER no CPU task names): its lock
   * is free, the namespace serves the spinning senders.
   */
  static void switched(KernelCpu cpu, CpuTask prev, CpuTask next) {
    if (prev != null && prev.kind() == TaskKind.LOCK_HOLDER && prev.lockHolder() < 0) {
      cpu.hw().send(cpu.layout().netns(), cpu.config().timings().mmio(),
          new QdiscLockReleased(prev.pid()));
    }
  }
}

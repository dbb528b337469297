package io.smpsim.kernel.task;

import java.util.ArrayList;
import java.util.List;

/** What a task does on its CPU, for the kinds smpsim injects. */
public enum TaskKind {
  /** Spins with interrupts disabled (local_irq_disable; for(;;)): a hard lockup. */
  IRQS_OFF_SPIN("inject_irqs_off_spin+0x1d/0x40", false, false),
  /** Spins with preemption disabled but interrupts on: a soft lockup. */
  PREEMPT_OFF_SPIN("inject_preempt_off_spin+0x1d/0x40", true, false),
  /** Waits in spin_lock() for a lock another CPU holds: preemption off, interrupts on. */
  SPINLOCK_WAIT("native_queued_spin_lock_slowpath+0x6e/0x2e0", true, false),
  /** Holds a lock with interrupts disabled (spin_lock_irqsave) and does not let go. */
  LOCK_HOLDER("inject_lock_holder+0x2b/0x50", false, false),
  /**
   * Busy-waits with interrupts disabled and calls touch_nmi_watchdog() as it goes, like the
   * kernel's long udelay loops (and suspend/resume) legitimately do.
   */
  BUSY_TOUCHING("delay_tsc+0x4a/0x70", false, true),
  /** drivers/ide ide_wait_not_busy() polling a busy drive, touching the NMI watchdog. */
  IDE_WAIT_NOT_BUSY("ide_wait_not_busy+0x3a/0x80", false, true),
  /** The same before the touch was added: an irqs-off poll the NMI watchdog sees as a hang. */
  IDE_WAIT_NOT_BUSY_NO_TOUCH("ide_wait_not_busy+0x3a/0x80", false, false),
  /**
   * check_nmi_watchdog()'s nmi_cpu_busy() (arch/i386/kernel/nmi.c), run from the CALL_FUNCTION
   * IPI: spins with interrupts enabled until the boot CPU sets the end flag, so that the
   * performance counter ticks.
   */
  NMI_CPU_BUSY("nmi_cpu_busy+0x1a/0x25", true, false),
  /**
   * A shell's {@code while :; do :; done} loop in user space: preemptible, interrupts on, in
   * user mode at every tick (an RCU quiescent state); its PC is a user address of the shell
   * binary's loop.
   */
  USER_LOOP("0x4edd59", true, false),
  /**
   * {@code tc class del} in qdisc_tree_reduce_backlog()'s endless walk (the quirk
   * qdisc-lookup-ingress-loop): in the RTM_DELTCLASS system call, with RTNL and the qdisc
   * tree's lock held (preemption off, interrupts on).
   */
  QDISC_TREE_REDUCE_BACKLOG("qdisc_tree_reduce_backlog+0x5b/0x130", true, false,
      rtnetlinkSendmsg(" qdisc_purge_queue+0x3a/0x60", " htb_delete+0x1c2/0x2a0",
          " tc_ctl_tclass+0x3f1/0x590", " rtnetlink_rcv_msg+0x14b/0x3d0")),
  /**
   * {@code tc qdisc del} waiting in hrtimer_cancel() for the qdisc watchdog's callback, which
   * spins on the queue lock tc holds (the quirk qdisc-run-from-watchdog): in the RTM_DELQDISC
   * system call with the lock held and bottom halves off (preemption off, interrupts on).
   */
  HRTIMER_CANCEL("hrtimer_try_to_cancel+0x2c/0x110", true, false,
      rtnetlinkSendmsg(" hrtimer_cancel+0x15/0x20", " qdisc_watchdog_cancel+0x12/0x20",
          " tbf_reset+0x3c/0x60", " qdisc_reset+0x2b/0x130", " dev_graft_qdisc+0x61/0x80",
          " qdisc_graft+0x4b3/0x620", " tc_get_qdisc+0x1e3/0x3b0",
          " rtnetlink_rcv_msg+0x14b/0x3d0")),
  /**
   * The qdisc watchdog's hrtimer callback running qdisc_run() (the quirk
   * qdisc-run-from-watchdog), spinning in hard interrupt context on the queue lock another CPU
   * holds: interrupts off, a hard lockup.
   */
  QDISC_WATCHDOG_SPIN("native_queued_spin_lock_slowpath+0x6e/0x2e0", false, false),
  /**
   * {@code tc qdisc show} in tc_dump_qdisc() with read_lock(&qdisc_tree_lock) held, interrupted
   * by the tick whose RCU softirq runs __qdisc_destroy() (the quirk qdisc-destroy-in-rcu): the
   * callback spins for the write side on top of the reader, in softirq with interrupts on, for
   * ever. The trace is a 6.1 layout's, the softirq on the IRQ stack over the RTM_GETQDISC dump;
   * __qdisc_destroy() is the 2.6 callback the quirk brings back.
   */
  QDISC_DESTROY_RCU("queued_write_lock_slowpath+0x6b/0x90", true, false,
      rtnetlinkSendmsg(" tc_dump_qdisc+0x11d/0x200", " netlink_dump+0x18f/0x340",
          " __netlink_dump_start+0x1d6/0x2b0", " rtnetlink_rcv_msg+0x2a6/0x3d0"),
      List.of(" _raw_write_lock+0x2a/0x30", " __qdisc_destroy+0x2d/0xb0",
          " rcu_do_batch+0x19c/0x430", " rcu_core+0x2b8/0x4f0", " __do_softirq+0xf0/0x2fe",
          " __irq_exit_rcu+0xc7/0x130", " irq_exit_rcu+0xa/0x20",
          " sysvec_apic_timer_interrupt+0x9e/0xc0"));

  private final String rip;
  private final boolean irqsOn;
  private final boolean touches;
  /** For a user task in a system call: the frames below the rip, down to the syscall entry. */
  private final List<String> syscallFrames;
  /**
   * For a task interrupted by a softirq that spins on top of it: the softirq's frames below
   * the rip, down to the interrupt that ran it (the task's own frames are the syscall ones).
   */
  private final List<String> softirqFrames;

  TaskKind(String rip, boolean irqsOn, boolean touches) {
    this(rip, irqsOn, touches, List.of());
  }

  TaskKind(String rip, boolean irqsOn, boolean touches, List<String> syscallFrames) {
    this(rip, irqsOn, touches, syscallFrames, List.of());
  }

  TaskKind(String rip, boolean irqsOn, boolean touches, List<String> syscallFrames,
      List<String> softirqFrames) {
    this.rip = rip;
    this.irqsOn = irqsOn;
    this.touches = touches;
    this.syscallFrames = syscallFrames;
    this.softirqFrames = softirqFrames;
  }

  /**
   * A tc command's system call frames: {@code handler}'s, from the rtnetlink handler down to
   * rtnetlink_rcv_msg(), then the sendmsg(2) on the NETLINK_ROUTE socket that reached it
   * (net/netlink/af_netlink.c, net/socket.c) down to the syscall entry.
   */
  private static List<String> rtnetlinkSendmsg(String... handler) {
    List<String> frames = new ArrayList<>(List.of(handler));
    frames.addAll(List.of(" netlink_rcv_skb+0x51/0x100", " netlink_unicast+0x24f/0x390",
        " netlink_sendmsg+0x250/0x4c0", " ____sys_sendmsg+0x1f6/0x310",
        " ___sys_sendmsg+0x9a/0xe0", " __sys_sendmsg+0x7a/0xd0", " do_syscall_64+0x55/0xb0",
        " entry_SYSCALL_64_after_hwframe+0x6e/0xd8"));
    return List.copyOf(frames);
  }

  /**
   * The frames of a softirq spinning over the task, between the rip and the interrupt entry
   * (empty: the task itself spins).
   */
  public List<String> softirqFrames() {
    return softirqFrames;
  }

  /**
   * A user task's system call frames below the rip (empty for a kernel thread, whose trace
   * ends in kthread).
   */
  public List<String> syscallFrames() {
    return syscallFrames;
  }

  /** The kind whose rip is {@code rip}, or null. */
  public static TaskKind byRip(String rip) {
    for (TaskKind k : values()) {
      if (k.rip.equals(rip)) {
        return k;
      }
    }
    return null;
  }

  /** The symbol the task's instruction pointer is in while it spins. */
  public String rip() {
    return rip;
  }

  /** Whether it spins with interrupts enabled. */
  public boolean irqsOn() {
    return irqsOn;
  }

  /**
   * Whether it runs in user mode: preemptible (the scheduler can run kernel work, such as the
   * soft-lockup detector's stopper, on its CPU) and shown with user registers.
   */
  public boolean userMode() {
    return this == USER_LOOP;
  }

  /** Whether it keeps touching the NMI (and soft lockup) watchdog. */
  public boolean touches() {
    return touches;
  }
}

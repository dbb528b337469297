package io.smpsim.kernel.net;

import io.smpsim.sim.SimMessage;

/**
 * What the network namespace asks of a CPU's kernel (carried as the CPU's kernel mail): run a
 * sending task, raise NET_TX. The kernel's networking glue handles them on the CPU and answers
 * the namespace with {@link Netns.SenderRan} or {@link Netns.SenderParked}. NIC queue
 * interrupts are no mail but interrupt vectors ({@link NicVectors#FIRST_VECTOR}).
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
   * __netif_schedule() on this CPU, {@code times} times: qdisc_run() spent its quota
   * (dev_tx_weight packets) and left the rest to NET_TX softirq.
   */
  record RaiseNetTx(int times) implements NetCpuMail {
    @Override
    public long traceId() {
      return times;
    }
  }

  /**
   * The sender that ran on this CPU found its TX queue's root lock held by CPU
   * {@code holderCpu}: it spins in spin_lock() (preemption off, interrupts on) until the lock is
   * granted.
   */
  record SpinOnQdiscLock(int holderCpu) implements NetCpuMail {
    @Override
    public long traceId() {
      return holderCpu;
    }
  }

  /**
   * The qdisc watchdog's hrtimer fired on this CPU and its callback (the quirk
   * qdisc-run-from-watchdog: qdisc_run() from the timer) spins in hard interrupt context on the
   * queue lock CPU {@code holderCpu} holds, interrupts off.
   */
  record WatchdogSpin(int holderCpu) implements NetCpuMail {
    @Override
    public long traceId() {
      return holderCpu + 8191L;
    }
  }

  /** The qdisc root lock this CPU's sender spun on is its now (CPU {@code holderCpu} let go). */
  record QdiscLockGranted(int holderCpu) implements NetCpuMail {
    @Override
    public long traceId() {
      return holderCpu + 4099L;
    }
  }

  /**
   * The transmit path this CPU just ran cost it {@code ns} (enqueues, the dequeues and driver
   * transmits of the qdisc_run() it runs, spins on a root lock held for a dequeue, htb's class
   * lookups walking their chains): the CPU is busy that long, its next sender waits.
   */
  record XmitCost(long ns) implements NetCpuMail {
    @Override
    public long traceId() {
      return ns;
    }
  }
}

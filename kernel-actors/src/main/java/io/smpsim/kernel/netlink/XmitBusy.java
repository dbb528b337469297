package io.smpsim.kernel.netlink;

import io.smpsim.kernel.core.PerCpu;

/**
 * Until when one CPU is busy with transmit work charged to it beyond the modelled sendmsg()
 * (enqueues, qdisc_run()'s dequeues and driver transmits, htb's class lookups walking their
 * chains: {@code NetCpuMail.XmitCost}): a sending task woken on the CPU runs once that work is
 * done, so a CPU whose packets cost more than their interval sends fewer of them.
 */
final class XmitBusy {

  static final PerCpu<XmitBusy> KEY = new PerCpu<>("net_xmit_busy");

  /** Simulated time the charged work ends, or earlier when the CPU owes none. */
  private long until;

  /** Charges {@code ns} more, after what is still owed. */
  void charge(long now, long ns) {
    until = Math.max(until, now) + ns;
  }

  /** How long from {@code now} the charged work still runs. */
  long remaining(long now) {
    return Math.max(0, until - now);
  }
}

package io.smpsim.kernel.net.sched;

/**
 * The packet scheduler's historical bugs a machine can be asked to reproduce, from the history
 * of net/sched/sch_api.c (the museum's S rows). Each undoes one fix; a namespace without quirks
 * runs the fixed kernel. This is the one list of them: the kernel's {@code Quirk} list takes
 * each one's key from here, and the machine's assembly hands the ones a scenario asks for to
 * its namespace.
 */
public enum SchedQuirk {
  /**
   * qdisc_tree_decrease_qlen() walks up by TC_H_MAJ(parentid) without stopping at TC_H_ROOT, and
   * the major of a root class equals the ingress qdisc's (ffff:), so qdisc_lookup() finds the
   * ingress qdisc and the walk never ends, as before "fix ingress and root major qdisc lookup".
   */
  QDISC_LOOKUP_INGRESS_LOOP("qdisc-lookup-ingress-loop"),
  /**
   * netem enqueues its duplicate through the root qdisc without counting it in the parents'
   * qlen, as before "Fix qlen underrun when doing duplication with netem".
   */
  NETEM_DUP_UNDERRUN("netem-dup-underrun"),
  /**
   * qdisc_create() ignores gen_new_estimator()'s error: a qdisc with a bogus rate estimator is
   * created without one, as before "report an error if the rate estimator is bogus".
   */
  ESTIMATOR_ERRORS_IGNORED("estimator-errors-ignored"),
  /**
   * /proc/net/psched's fourth field is the clock's resolution, not the hrtimers' (2.6.23-2.6.24):
   * tc's get_hz() then believes timers fire every nanosecond.
   */
  PSCHED_CLOCK_RES("psched-clock-res"),
  /**
   * htb's class hash has a fixed 16 buckets (sch_htb.c's HTB_HSIZE before "Add helpers for
   * dynamically sized class hashes", 2.6.25): it never grows, so with thousands of classes each
   * lookup walks a chain of hundreds, and classifying a packet costs its CPU that walk.
   */
  FIXED_CLASS_HASH("fixed-class-hash"),

  /**
   * The qdisc watchdog's hrtimer callback runs qdisc_run() itself, taking the queue lock in
   * hard interrupt context, as before "[NET_SCHED]: Fix qdisc_watchdog() ... deadlock" made it
   * __netif_schedule() again (2.6.22): a {@code tc qdisc del} that holds the lock while it
   * resets the throttled qdisc and then cancels its watchdog waits in hrtimer_cancel() for a
   * callback that spins on that lock, if the timer fired meanwhile.
   */
  QDISC_RUN_FROM_WATCHDOG("qdisc-run-from-watchdog"),
  /**
   * qdisc_destroy() leaves the destruction to an RCU callback, __qdisc_destroy(), which takes
   * qdisc_tree_lock for writing in softirq, while tree walks in process context take it with
   * read_lock() and bottom halves on: the callback, run on the CPU that queued it while a
   * {@code tc qdisc show} there holds the read side, spins on its own CPU for ever. Before
   * "[NET_SCHED]: Fix fallout from dev->qdisc RCU change" (2.6.19, 2.6.18.1) moved the
   * destruction back to process context (the namespace's QdiscTreeLock).
   */
  QDISC_DESTROY_IN_RCU("qdisc-destroy-in-rcu"),
  /**
   * Operations that change one subtree (graft, class delete, class change) adjust only the
   * parent that runs them (2.6.17's htb_graft(), htb_destroy_class() and htb_change_class() do
   * {@code sch->q.qlen -= leaf->q.qlen}, prio_graft() the same), never the ancestors above it,
   * as before Patrick McHardy's "[NET_SCHED]: Add qdisc_tree_decrease_qlen()" (2.6.18): an
   * upper qdisc keeps counting packets that were purged below it.
   */
  NO_QLEN_PROPAGATION("no-qlen-propagation");

  private final String key;

  SchedQuirk(String key) {
    this.key = key;
  }

  /** The name scenarios use. */
  public String key() {
    return key;
  }
}

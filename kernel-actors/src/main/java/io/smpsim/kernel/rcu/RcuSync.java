package io.smpsim.kernel.rcu;

import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.core.KernelCpu;

/**
 * The rcu_sync of {@code cpu_hotplug_lock} (kernel/rcu/sync.c, kernel/locking/percpu-rwsem.c)
 * and the normal grace periods it costs smp_init(), as the CPUs' RCU_SOFTIRQ counts show them.
 *
 * <p>Every cpu_up() takes {@code cpus_write_lock()}: percpu_down_write() calls
 * rcu_sync_enter(), and cpus_write_unlock()'s rcu_sync_exit() queues rcu_sync_func() with
 * call_rcu() once the CPU is up. The next cpu_up()'s rcu_sync_enter() finds that callback
 * pending (GP_EXIT) and waits for it, so bringing up m secondary CPUs costs m normal grace
 * periods, one after each (the first rcu_sync_enter()'s synchronize_rcu() is expedited while
 * the kernel boots, rcu_expedited_nesting, and raises no softirq). A CPU is online for the
 * grace periods of its own cpu_up() and of every later one.
 *
 * <p>During smp_init() the tick is still periodic: every online CPU takes each jiffy's tick,
 * idle or not, and rcu_sched_clock_irq() raises RCU_SOFTIRQ whenever rcu_pending() (kernel/rcu/
 * tree.c) says so. For one grace period that is three times on each CPU: the first tick after
 * it started ({@code rnp->gp_seq != rdp->gp_seq}: rcu_core() notes it, setting
 * {@code core_needs_qs}), the tick that passes the CPU's quiescent state (from idle or a
 * preemptible kernel context rcu_qs() clears {@code cpu_no_qs}, and {@code core_needs_qs &&
 * !cpu_no_qs} asks rcu_core() to report it), and the first tick after it ended (the sequence
 * moved again; the boot CPU invokes rcu_sync_func() from the same rcu_core()).
 */
public final class RcuSync {

  private RcuSync() {}

  /** RCU_SOFTIRQs one periodically ticking CPU raises for one normal grace period. */
  static final int SOFTIRQS_PER_GRACE_PERIOD = 3;

  /**
   * Whether cpu_up() goes through an rcu_sync: {@code cpu_hotplug_lock} became a
   * percpu_rw_semaphore in 4.13; the 2.6 kernels smpsim runs took a mutex.
   */
  public static boolean hotplugLockSyncs(KernelVersion v) {
    return v.major() >= 5 || (v.major() == 4 && v.minor() >= 13);
  }

  /** {@code k} ticked periodically through {@code gracePeriods} of smp_init()'s grace periods. */
  public static void tickedThrough(KernelCpu k, int gracePeriods) {
    k.irqs().softirqs[IrqStats.RCU_SOFTIRQ] += (long) SOFTIRQS_PER_GRACE_PERIOD * gracePeriods;
  }
}

package io.smpsim.kernel.cpu;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.kernel.core.Vectors;

/**
 * A task made runnable on another CPU's runqueue directly, not through its wake list
 * (kernel/sched/core.c): check_preempt_curr() finds that CPU's idle task current and
 * resched_curr() sets TIF_NEED_RESCHED on it; set_nr_and_not_polling() cannot spare the IPI
 * because the idle loop's HLT does not poll, so smp_send_reschedule() sends a RESCHEDULE IPI,
 * counted in the target's RES row of /proc/interrupts.
 *
 * <p>6.x try_to_wake_up() takes this path instead of {@link WakeList} when ttwu_queue_cond()
 * says no: "Do not complicate things with the async wake_list while the CPU is in hotplug
 * state", i.e. while the target is online but not yet active (sched_cpu_activate() runs last
 * among its online states).
 */
final class ReschedCurr {

  private ReschedCurr() {}

  /** {@code from} makes a task runnable on the idle CPU {@code target}. */
  static void remoteIdle(LinuxCpu from, int target) {
    if (from.config().kernel().major() < 6 || target == from.index()) {
      return;
    }
    from.hw().apic(new LocalApic.WriteIcr(DeliveryMode.FIXED, Shorthand.NONE,
        from.hw().topology().apicId(target), Vectors.RESCHEDULE));
  }
}

package io.smpsim.kernel.cpu;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.kernel.core.Vectors;

/**
 * A remote wake-up of a task onto an idle CPU (kernel/sched/core.c try_to_wake_up ->
 * ttwu_queue_wakelist). Since 6.0 ("sched: Remove the limitation of WF_ON_CPU on wakelist if
 * wakee cpu is idle") ttwu_queue_cond() queues the wake-up on the idle CPU's wake list even
 * within the LLC, and __smp_call_single_queue() sends it a CALL_FUNCTION_SINGLE IPI (the idle
 * loop's HLT does not poll, so set_nr_if_polling() cannot spare it): the wake-up is counted in
 * the target's CAL row of /proc/interrupts, not RES. 2.6 kernels woke through a RESCHEDULE IPI
 * only where smpsim already sends one.
 */
final class WakeList {

  private WakeList() {}

  /**
   * Another CPU woke a task onto idle CPU {@code target}, whose local APIC stands in for the
   * waker's (the sender is not modelled, only what the target takes): the CALL_FUNCTION_SINGLE
   * of the wake list on 6.x, a RESCHEDULE IPI on 2.6 (resched_task()).
   */
  static void wokenFromElsewhere(LinuxCpu target) {
    int vector = target.config().kernel().major() < 6 ? Vectors.RESCHEDULE
        : Vectors.CALL_FUNCTION_SINGLE;
    target.hw().apic(new LocalApic.WriteIcr(DeliveryMode.FIXED, Shorthand.NONE,
        target.hw().topology().apicId(target.index()), vector));
  }

  /** {@code from} wakes a task that sleeps on CPU {@code target}. */
  static void wakeRemote(LinuxCpu from, int target) {
    if (from.config().kernel().major() < 6 || target == from.index()) {
      return;
    }
    from.hw().apic(new LocalApic.WriteIcr(DeliveryMode.FIXED, Shorthand.NONE,
        from.hw().topology().apicId(target), Vectors.CALL_FUNCTION_SINGLE));
  }
}

package io.smpsim.kernel.cpu;

import io.smpsim.kernel.KernelVersion;

/**
 * One CPU's interrupt entropy pool (drivers/char/random.c {@code struct fast_pool}, 6.1):
 * add_interrupt_randomness(), called for every device interrupt the CPU handles
 * (kernel/irq/handle.c handle_irq_event_percpu), counts the interrupt and, once 1024 have
 * been counted or a second has passed since the last mix ({@code fast_pool->last + HZ}),
 * marks a mix in flight and adds the pool's mix timer on this CPU, expiring at the current
 * jiffy: the CPU's next tick raises TIMER_SOFTIRQ for it. mix_interrupt_randomness() resets the
 * count and stamps {@code last}. The pool starts with {@code last} = 0, long before the boot's
 * jiffies (INITIAL_JIFFIES is five minutes short of the 32-bit wrap): a CPU's first device
 * interrupt always mixes.
 */
final class FastPool {

  /** The count at which a mix is due whatever the time. */
  private static final int MIX_COUNT = 1024;

  private int count;
  private boolean inflight;
  private boolean mixed;
  private long last;

  /**
   * Whether {@code v} adds the mix timer: since 6.1 ("random: use expired timer rather than wq
   * for mixing fast pool"); before, a workqueue item (5.18-6.0) or nothing per interrupt.
   */
  static boolean mixesByTimer(KernelVersion v) {
    return v.major() > 6 || (v.major() == 6 && v.minor() >= 1);
  }

  /** add_interrupt_randomness() at jiffy {@code j}: whether the mix timer is to be added. */
  boolean interrupt(long j, int hz) {
    count++;
    if (inflight) {
      return false;
    }
    if (count < MIX_COUNT && mixed && j <= last + hz) {
      return false;
    }
    inflight = true;
    return true;
  }

  /** mix_interrupt_randomness() ran at jiffy {@code j}. */
  void mixed(long j) {
    count = 0;
    inflight = false;
    mixed = true;
    last = j;
  }
}

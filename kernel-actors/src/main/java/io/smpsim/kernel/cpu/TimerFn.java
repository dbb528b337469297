package io.smpsim.kernel.cpu;

/** The timer-wheel timers (struct timer_list) the simulated kernel adds to a CPU's base. */
enum TimerFn {
  /**
   * mix_interrupt_randomness (drivers/char/random.c): folds the CPU's fast pool into the input
   * pool; added with add_timer_on() on the interrupted CPU, expiring at the current jiffy.
   */
  RANDOM_MIX
}

package io.smpsim.kernel.watchdog;

import io.smpsim.kernel.core.BacktraceCaller;
import io.smpsim.kernel.core.KernelCpu;

/** The lockup detectors' reports as the all-CPU backtrace's callers (*_all_cpu_backtrace). */
enum LockupReport implements BacktraceCaller {
  /** watchdog_hardlockup_check(): maybe panic, then return from the NMI. */
  HARD {
    @Override
    public void backtraceDone(KernelCpu cpu, long job) {
      Watchdogs.of(cpu).modern().afterHardReport(cpu);
    }
  },
  /** watchdog_timer_fn(): taint, maybe panic, then return from the hrtimer. */
  SOFT {
    @Override
    public void backtraceDone(KernelCpu cpu, long job) {
      Watchdogs.of(cpu).modern().afterSoftReport(cpu);
    }
  }
}

package io.smpsim.kernel.locking;

import io.smpsim.kernel.core.BacktraceCaller;
import io.smpsim.kernel.core.KernelCpu;
import java.util.List;

/**
 * spinlock_debug's lockup report as the all-CPU backtrace's caller: the waiter goes back to
 * spinning (arch_spin_lock) once the backtraces are in.
 */
enum SpinLockup implements BacktraceCaller {
  CALLER;

  @Override
  public void backtraceDone(KernelCpu cpu, long job) {
    // Nothing waits on it: the CPU goes on spinning.
  }

  @Override
  public List<String> frames() {
    return List.of(" do_raw_spin_lock+0xa9/0xc0");
  }
}

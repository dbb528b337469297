package io.smpsim.kernel.sysrq;

import io.smpsim.kernel.core.BacktraceCaller;
import io.smpsim.kernel.core.KernelCpu;

/**
 * SysRq 'l' (sysrq_handle_showallcpus) as the all-CPU backtrace's caller: the write to
 * /proc/sysrq-trigger returns once the backtraces are in.
 */
enum ShowAllCpus implements BacktraceCaller {
  CALLER;

  @Override
  public void backtraceDone(KernelCpu cpu, long job) {
    Sysrq.done(cpu, job, cpu.index());
  }

  @Override
  public boolean isSysrqWrite() {
    return true;
  }
}

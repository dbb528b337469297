package io.smpsim.kernel.core;

import io.smpsim.kernel.task.CpuTask;

/**
 * A subsystem's part in a context switch on a CPU, as __schedule() calls
 * rcu_note_context_switch() (kernel/sched/core.c): told which task left the CPU and which
 * took it, either being null for the idle task.
 */
@FunctionalInterface
public interface ContextSwitchHook {

  /** {@code prev} left {@code cpu} and {@code next} runs there now (null: the idle task). */
  void switched(KernelCpu cpu, CpuTask prev, CpuTask next);
}

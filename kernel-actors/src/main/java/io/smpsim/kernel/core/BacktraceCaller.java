package io.smpsim.kernel.core;

import java.util.List;

/**
 * Who asked for an all-CPU backtrace (lib/nmi_backtrace.c), and what it does on the asking CPU
 * once the backtrace is over. The callers are constants (enums) of the subsystems that ask, so
 * a backtrace in flight is checkpointed by name.
 */
public interface BacktraceCaller {

  /** The backtrace {@code job} asked for (a shell job, or -1) is over on {@code cpu}. */
  void backtraceDone(KernelCpu cpu, long job);

  /**
   * Whether the asker is a write to /proc/sysrq-trigger: the asking CPU's own backtrace is then
   * the shell's write(2), not the interrupted task's stack.
   */
  default boolean isSysrqWrite() {
    return false;
  }

  /** The asker's frames between the backtrace trigger and the interrupted task's stack. */
  default List<String> frames() {
    return List.of();
  }
}

package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.panic.KernelLock;
import io.smpsim.kernel.panic.PanicMail;
import io.smpsim.sim.SimMessage;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.function.BiConsumer;

/**
 * The machine-wide words CPUs race for when things go wrong: {@code die_lock}
 * (arch/x86/kernel/dumpstack.c: oops_begin() spins on it, one oops printed at a time),
 * {@code panic_cpu} (kernel/panic.c: the first CPU to panic wins, later ones stop) and
 * {@code backtrace_flag} (lib/nmi_backtrace.c: one all-CPU backtrace at a time). They live in
 * the machine's memory, so the machine-wide sysctl entity holds them and decides who came
 * first.
 */
final class KernelLocks {

  /** Who holds die_lock, or -1, and who spins on it. */
  private int dieOwner = -1;
  private final ArrayDeque<Integer> dieWaiters = new ArrayDeque<>();
  private int panicCpu = -1;
  /** The CPU that set backtrace_flag, or -1. */
  private int backtraceCpu = -1;

  /**
   * CPU {@code cpu} wants {@code lock}; the answer goes by {@code toCpu}. A backtrace_flag
   * answer carries {@code online} (cpu_online_mask) as nmi_trigger_cpumask_backtrace() reads it.
   */
  void acquire(int cpu, KernelLock lock, BitSet online, BiConsumer<Integer, SimMessage> toCpu) {
    if (lock == KernelLock.BACKTRACE) {
      // test_and_set_bit(0, &backtrace_flag); the answer carries cpu_online_mask.
      boolean ok = backtraceCpu < 0;
      if (ok) {
        backtraceCpu = cpu;
      }
      toCpu.accept(cpu, new BacktraceMail.Flag(ok, (BitSet) online.clone()));
    } else if (lock == KernelLock.PANIC) {
      boolean first = panicCpu < 0;
      if (first) {
        panicCpu = cpu;
      }
      toCpu.accept(cpu, new PanicMail.Granted(KernelLock.PANIC, first || panicCpu == cpu));
    } else if (dieOwner < 0) {
      dieOwner = cpu;
      toCpu.accept(cpu, new PanicMail.Granted(KernelLock.DIE, true));
    } else {
      dieWaiters.add(cpu);
    }
  }

  /** CPU {@code cpu} lets {@code lock} go; die_lock passes to the next CPU spinning on it. */
  void release(int cpu, KernelLock lock, BiConsumer<Integer, SimMessage> toCpu) {
    if (lock == KernelLock.BACKTRACE && backtraceCpu == cpu) {
      backtraceCpu = -1;
    } else if (lock == KernelLock.DIE && dieOwner == cpu) {
      dieOwner = -1;
      if (!dieWaiters.isEmpty()) {
        dieOwner = dieWaiters.poll();
        toCpu.accept(dieOwner, new PanicMail.Granted(KernelLock.DIE, true));
      }
    }
  }
}

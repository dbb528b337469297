package io.smpsim.kernel.locking;

import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.printk.DumpStack;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * CONFIG_DEBUG_SPINLOCK's lockup detection (kernel/locking/spinlock_debug.c
 * {@code __spin_lock_debug}, 3.x to 4.13; machines with the {@code spinlock-lockup-debug} quirk):
 * a waiter that has tried the lock {@code loops_per_jiffy * HZ} times (about a second of
 * {@code __delay(1)}) reports {@code BUG: spinlock lockup suspected on CPU#%d, %s/%d} with the
 * lock's owner (spin_dump), calls trigger_all_cpu_backtrace() so one sees what the owner is
 * doing, then spins on in arch_spin_lock() without reporting again.
 */
public final class SpinlockDebug {

  /** loops_per_jiffy * HZ trylocks with __delay(1): about one second. */
  public static final long LOCKUP_NS = 1_000_000_000L;

  /** spinlock_t.magic (SPINLOCK_MAGIC). */
  private static final int SPINLOCK_MAGIC = 0xdead4ead;

  /** The injected lock, as %pS prints its address. */
  private static final String LOCK_SYMBOL = "inject_lock+0x0/0x40";

  /** The spin loop's report is due for the waiter with this pid. */
  public record Check(int pid) implements SimMessage {}

  private SpinlockDebug() {}

  /** A task starts waiting in spin_lock(): the debug loop's second comes later. */
  public static void startWaiting(KernelCpu k) {
    if (k.config().has(Quirk.SPINLOCK_LOCKUP_DEBUG)) {
      k.hw().later(LOCKUP_NS, new Check(k.current().pid()));
    }
  }

  /** The waiter still spins after the loop: spin_dump() then trigger_all_cpu_backtrace(). */
  public static void lockupSuspected(KernelCpu k) {
    CpuTask t = k.current();
    DumpStack.Where w = k.where();
    List<String> lines = new ArrayList<>();
    lines.add("BUG: spinlock lockup suspected on CPU#" + k.index() + ", " + t.comm() + "/"
        + t.pid());
    // The holder's task: `inject spinlock` creates it just before the waiter (pid - 1).
    int owner = t.lockHolder();
    lines.add(String.format(" lock: %s, .magic: %08x, .owner: %s/%d, .owner_cpu: %d",
        LOCK_SYMBOL, SPINLOCK_MAGIC, "lockholder/" + owner, t.pid() - 1, owner));
    lines.add(DumpStack.cpuLine(w));
    lines.add(DumpStack.HARDWARE);
    List<String> trace = DumpStack.taskTrace(w);
    lines.addAll(trace.subList(0, 2));
    lines.add(k.config().kernel().dumpStackLvlFrame());
    lines.add(" spin_dump+0x6c/0x80");
    lines.add(" do_raw_spin_lock+0x9e/0xc0");
    lines.addAll(trace.subList(2, trace.size()));
    k.printk(LogLevel.EMERG, lines);
    k.triggerBacktrace(false, SpinLockup.CALLER, -1);
  }
}

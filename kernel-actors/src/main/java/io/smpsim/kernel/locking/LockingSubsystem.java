package io.smpsim.kernel.locking;

import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;
import io.smpsim.kernel.task.TaskKind;

/** Spinlock debugging (kernel/locking/spinlock_debug.c): the lockup check of a waiter. */
public final class LockingSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.cpuMail(SpinlockDebug.Check.class, (k, c) -> {
      if (k.current() != null && k.current().pid() == c.pid()
          && k.current().kind() == TaskKind.SPINLOCK_WAIT) {
        SpinlockDebug.lockupSuspected(k);
      }
    });
    r.wire(SpinlockDebug.Check.class);
  }
}

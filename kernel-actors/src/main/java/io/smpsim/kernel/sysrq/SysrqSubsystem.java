package io.smpsim.kernel.sysrq;

import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;

/** Magic SysRq (drivers/tty/sysrq.c): /proc/sysrq-trigger and the key's run on the CPUs. */
public final class SysrqSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.file("/proc/sysrq-trigger", c -> new SysrqTrigger());
    r.cpuMail(SysrqMail.Handle.class, Sysrq::handle);
    r.wire(SysrqMail.Handle.class, SysrqMail.Done.class);
  }
}

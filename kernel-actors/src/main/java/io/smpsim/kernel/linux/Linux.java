package io.smpsim.kernel.linux;

import io.smpsim.kernel.backtrace.BacktraceSubsystem;
import io.smpsim.kernel.core.CoreSubsystem;
import io.smpsim.kernel.core.Kernel;
import io.smpsim.kernel.core.KernelTables;
import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;
import io.smpsim.kernel.cpu.CpuSubsystem;
import io.smpsim.kernel.hotplug.HotplugSubsystem;
import io.smpsim.kernel.inject.InjectSubsystem;
import io.smpsim.kernel.kprobes.KprobesSubsystem;
import io.smpsim.kernel.locking.LockingSubsystem;
import io.smpsim.kernel.netlink.NetlinkSubsystem;
import io.smpsim.kernel.nmi.NmiSubsystem;
import io.smpsim.kernel.oprofile.OprofileSubsystem;
import io.smpsim.kernel.power.PowerSubsystem;
import io.smpsim.kernel.rcu.RcuSubsystem;
import io.smpsim.kernel.sched.SchedSubsystem;
import io.smpsim.kernel.signal.SignalSubsystem;
import io.smpsim.kernel.shell.ShellSubsystem;
import io.smpsim.kernel.stat.StatSubsystem;
import io.smpsim.kernel.sysctl.SysctlSubsystem;
import io.smpsim.kernel.sysrq.SysrqSubsystem;
import io.smpsim.kernel.trace.TraceSubsystem;
import io.smpsim.kernel.watchdog.WatchdogSubsystem;
import java.util.List;

/**
 * The kernel smpsim runs: the list of its subsystems, one line each. Nothing else in the kernel
 * depends on this package; adding a subsystem is its package and a line here.
 */
public enum Linux implements Kernel {

  /** The one kernel build. */
  KERNEL;

  private final KernelTables tables = Registry.compose(subsystems());

  /** The subsystems, in init order. */
  public static List<Subsystem> subsystems() {
    return List.of(
        new CoreSubsystem(),
        new ShellSubsystem(),
        new CpuSubsystem(),
        new StatSubsystem(),
        new NmiSubsystem(),
        new WatchdogSubsystem(),
        new RcuSubsystem(),
        new BacktraceSubsystem(),
        new LockingSubsystem(),
        new SysrqSubsystem(),
        new SchedSubsystem(),
        new SignalSubsystem(),
        new HotplugSubsystem(),
        new PowerSubsystem(),
        new SysctlSubsystem(),
        new InjectSubsystem(),
        new NetlinkSubsystem(),
        new OprofileSubsystem(),
        new KprobesSubsystem(),
        new TraceSubsystem());
  }

  @Override
  public KernelTables tables() {
    return tables;
  }
}

package io.smpsim.kernel;

import io.smpsim.kernel.cpu.CpuMessages;
import io.smpsim.kernel.cpu.IrqStats;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.Klog;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.shell.NetJob;
import io.smpsim.kernel.shell.Shell;
import io.smpsim.sim.serialization.KryoRegistrar;
import io.smpsim.kernel.nmi.NmiMail;
import io.smpsim.kernel.panic.PanicMail;
import io.smpsim.kernel.panic.PanicReport;
import io.smpsim.kernel.sysctl.Errno;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.kernel.task.TaskKind;
import io.smpsim.kernel.task.TaskMail;
import io.smpsim.kernel.watchdog.NmiWatchdogMode;
import io.smpsim.kernel.watchdog.WatchdogMail;
import io.smpsim.kernel.watchdog.WatchdogParams;
import java.util.List;

/** The kernel's wire classes. */
public final class KernelRegistrar implements KryoRegistrar {

  @Override
  public List<Class<?>> classes() {
    return List.of(
        MachineConfig.class, MachineConfig.Placement.class, KernelCmdline.class, MachineLayout.class, TimelineCommand.class,
        LogLevel.class, LogLine.class, KernelLog.class, Klog.Write.class, Klog.Read.class,
        Klog.SchedClockRestored.class,
        Klog.Contents.class,
        Shell.Run.class, Shell.Reply.class, Shell.BootComplete.class, CommandResult.class, io.smpsim.kernel.shell.ShellReady.class,
        CpuHotplug.SetOnline.class, CpuHotplug.QueryMasks.class, CpuHotplug.Masks.class,
        CpuMessages.ApCallin.class, CpuMessages.BootStep.class, CpuMessages.ApStarted.class,
        CpuMessages.QueryIrqStats.class, CpuMessages.IrqStatsOf.class, IrqStats.class,
        NetJob.class,
        Quirk.class, Shell.Panicked.class,
        CpuMessages.CallFunction.class, CpuMessages.CallDone.class,
        CpuMessages.LegacyTouch.class, CpuMessages.CallFn.class,
        NmiWatchdogMode.class, WatchdogParams.class, WatchdogMail.Enable.class,
        WatchdogMail.Disable.class, WatchdogMail.Params.class, WatchdogMail.InitDone.class,
        WatchdogMail.LegacyToggle.class,
        Errno.class, Sysctl.Read.class, Sysctl.Write.class, Sysctl.LockupDetectorInit.class,
        Sysctl.CpuOnline.class, Sysctl.Ack.class, Sysctl.PerfEnabled.class,
        Sysctl.AddTaint.class, Sysctl.LegacyNmiActive.class, Sysctl.Answer.class,
        TaskKind.class, CpuTask.class, TaskMail.Wake.class, TaskMail.Done.class,
        TaskMail.LockReleased.class, TaskMail.Debugger.class,
        NmiMail.IochkWaitDone.class,
        PanicMail.StopRequest.class, PanicMail.Stopped.class, PanicMail.Step.class,
        PanicReport.class, io.smpsim.kernel.panic.KernelLock.class, PanicMail.Granted.class,
        Sysctl.Acquire.class, Sysctl.Release.class,
        io.smpsim.kernel.backtrace.BacktraceMail.Request.class,
        io.smpsim.kernel.backtrace.BacktraceMail.Done.class,
        io.smpsim.kernel.backtrace.BacktraceMail.Timeout.class,
        io.smpsim.kernel.backtrace.BacktraceMail.Flag.class,
        io.smpsim.kernel.sysrq.SysrqMail.Handle.class, io.smpsim.kernel.sysrq.SysrqMail.Done.class,
        io.smpsim.kernel.locking.SpinlockDebug.Check.class);
  }
}

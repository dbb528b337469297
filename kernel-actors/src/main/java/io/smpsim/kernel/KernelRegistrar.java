package io.smpsim.kernel;

import io.smpsim.kernel.cpu.CpuMessages;
import io.smpsim.kernel.cpu.IrqStats;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.net.NetCommandResult;
import io.smpsim.kernel.net.NetDirectory;
import io.smpsim.kernel.net.Netns;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.Klog;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.shell.CommandResult;
import io.smpsim.kernel.shell.NetJob;
import io.smpsim.kernel.shell.Shell;
import io.smpsim.sim.serialization.KryoRegistrar;
import java.util.List;

/** The kernel's wire classes. */
public final class KernelRegistrar implements KryoRegistrar {

  @Override
  public List<Class<?>> classes() {
    return List.of(
        MachineConfig.class, MachineConfig.Placement.class, KernelCmdline.class, MachineLayout.class, TimelineCommand.class,
        LogLevel.class, LogLine.class, KernelLog.class, Klog.Write.class, Klog.Read.class,
        Klog.Contents.class,
        Shell.Run.class, Shell.Reply.class, Shell.BootComplete.class, CommandResult.class, io.smpsim.kernel.shell.ShellReady.class,
        CpuHotplug.SetOnline.class, CpuHotplug.QueryMasks.class, CpuHotplug.Masks.class,
        CpuMessages.ApCallin.class, CpuMessages.BootStep.class, CpuMessages.ApStarted.class,
        CpuMessages.QueryIrqStats.class, CpuMessages.IrqStatsOf.class, IrqStats.class,
        NetDirectory.class, Netns.Exec.class, Netns.WatchdogFired.class, Netns.Arrival.class,
        Netns.SleepOver.class, NetCommandResult.class, NetJob.class);
  }
}

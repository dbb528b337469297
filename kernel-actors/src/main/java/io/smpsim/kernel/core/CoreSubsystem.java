package io.smpsim.kernel.core;

import io.smpsim.kernel.CpuId;
import io.smpsim.kernel.JobAsker;
import io.smpsim.kernel.KernelCmdline;
import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.TimelineCommand;
import io.smpsim.kernel.panic.KernelLock;
import io.smpsim.kernel.panic.PanicMail;
import io.smpsim.kernel.panic.PanicReport;
import io.smpsim.kernel.printk.KernelLog;
import io.smpsim.kernel.printk.Klog;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.kernel.task.TaskKind;
import io.smpsim.kernel.task.TaskMail;

/**
 * What every kernel has below its subsystems: the machine's description, printk, tasks and
 * panic's words (their wire classes), /proc itself, /proc/cmdline, /proc/version and
 * /proc/irq's listing.
 */
public final class CoreSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.file("/proc/cmdline", c -> new StaticFile(c.kernelCmdline().raw() + "\n"));
    // fs/proc/version.c prints linux_proc_banner with the running kernel's utsname: the same
    // words as the boot log's first line (init/version.c linux_banner).
    r.file("/proc/version", c -> new StaticFile(c.kernel().banner() + "\n"));
    r.directories((dir, c) -> dir.equals("/proc"));
    // /proc/irq (kernel/irq/proc.c): read when listed, so it holds every subsystem's lines.
    var lines = r.irqLines;
    r.listing("/proc/irq", (m, c) -> ProcIrq.root(ProcIrq.lines(lines, c)));
    r.listing("/proc/irq/(0|[1-9]\\d{0,8})", (m, c) -> ProcIrq.irq(Integer.parseInt(m.group(1)),
        ProcIrq.lines(lines, c)));
    r.directories((dir, c) -> dir.equals("/proc/irq"));
    r.wire(MachineConfig.class, MachineConfig.Placement.class, CpuId.class, KernelCmdline.class,
        KernelVersion.class,
        MachineLayout.class, TimelineCommand.class, Quirk.class, JobAsker.Answer.class,
        LogLevel.class, LogLine.class, KernelLog.class, Klog.Write.class, Klog.Read.class,
        Klog.SchedClockRestored.class, Klog.Contents.class, Klog.ConsoleLevel.class,
        TaskKind.class, CpuTask.class, TaskMail.Wake.class, TaskMail.Done.class,
        TaskMail.LockReleased.class, TaskMail.Debugger.class,
        PanicMail.StopRequest.class, PanicMail.Stopped.class, PanicMail.Step.class,
        PanicReport.class, KernelLock.class, PanicMail.Granted.class);
  }
}

package io.smpsim.kernel.nmi;

import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;
import io.smpsim.kernel.kprobes.KprobeMail;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.sysctl.NmiDurations;
import io.smpsim.kernel.task.TaskMail;

/**
 * NMI handling (arch/x86/kernel/nmi.c): each CPU's handler chains and die notifiers, and the
 * mail that changes them (a debugger attaching, IOCHK's re-enable after its wait, a probed
 * NMI-path function going on after its kprobe's handlers), and nmi_check_duration()'s report of
 * a handler that ran too long (printed by the CPU it ran on, at KERN_INFO).
 */
public final class NmiSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.perCpu(CpuNmi.KEY, c -> new CpuNmi());
    r.cpuMail(NmiMail.IochkWaitDone.class, (k, m) -> CpuNmi.of(k).iochkWaitDone(k, m.value()));
    r.cpuMail(KprobeMail.Resume.class,
        (k, m) -> CpuNmi.of(k).resumeProbed(k, m.function(), m.source()));
    r.cpuMail(TaskMail.Debugger.class, (k, m) -> CpuNmi.of(k).attachDebugger(m.attach()));
    r.cpuMail(NmiDurations.TooLong.class, (k, m) -> k.printk(LogLevel.INFO, m.lines()));
    r.wire(NmiMail.IochkWaitDone.class);
  }
}

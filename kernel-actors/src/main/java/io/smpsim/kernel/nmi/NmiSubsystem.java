package io.smpsim.kernel.nmi;

import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;
import io.smpsim.kernel.kprobes.KprobeMail;
import io.smpsim.kernel.task.TaskMail;

/**
 * NMI handling (arch/x86/kernel/nmi.c): each CPU's handler chains and die notifiers, and the
 * mail that changes them (a debugger attaching, IOCHK's re-enable after its wait, a probed
 * NMI-path function going on after its kprobe's handlers).
 */
public final class NmiSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.perCpu(CpuNmi.KEY, c -> new CpuNmi());
    r.cpuMail(NmiMail.IochkWaitDone.class, (k, m) -> CpuNmi.of(k).iochkWaitDone(k, m.value()));
    r.cpuMail(KprobeMail.Resume.class,
        (k, m) -> CpuNmi.of(k).resumeProbed(k, m.function(), m.source()));
    r.cpuMail(TaskMail.Debugger.class, (k, m) -> CpuNmi.of(k).attachDebugger(m.attach()));
    r.wire(NmiMail.IochkWaitDone.class);
  }
}

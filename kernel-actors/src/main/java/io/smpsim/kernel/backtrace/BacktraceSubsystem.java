package io.smpsim.kernel.backtrace;

import io.smpsim.kernel.sysctl.BacktraceMail;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.Subsystem;

/** The all-CPU backtrace (lib/nmi_backtrace.c): each CPU's part in it, asking or answering. */
public final class BacktraceSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.perCpu(NmiBacktrace.KEY, c -> new NmiBacktrace());
    r.cpuMail(BacktraceMail.Request.class, BacktraceSubsystem::onMail);
    r.cpuMail(BacktraceMail.Done.class, BacktraceSubsystem::onMail);
    r.cpuMail(BacktraceMail.Timeout.class, BacktraceSubsystem::onMail);
    r.cpuMail(BacktraceMail.Flag.class, BacktraceSubsystem::onMail);
    r.cpuMail(BacktraceMail.HandlerEnd.class, BacktraceSubsystem::onMail);
    r.wire(BacktraceMail.Request.class, BacktraceMail.Done.class, BacktraceMail.Timeout.class,
        BacktraceMail.Flag.class, BacktraceMail.HandlerEnd.class);
  }

  private static void onMail(KernelCpu k, BacktraceMail.Mail m) {
    NmiBacktrace.Finished f = NmiBacktrace.of(k).onMail(k, m);
    if (f != null) {
      k.backtraceFinished(f.then(), f.job(), f.held(), f.waited());
    }
  }
}

package io.smpsim.kernel.oprofile;

import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.nmi.DieEvent;
import io.smpsim.kernel.nmi.DieNotifier;
import io.smpsim.kernel.nmi.NmiContext;

/**
 * oprofile on the die chain (nmi_int.c {@code profile_exceptions_notify}, 2.6.19+): a DIE_NMI
 * that is its own sample is consumed; any other NMI goes on to the NMI watchdog.
 */
final class ProfileExceptionsNotify implements DieNotifier {

  private final Oprofile profiler;
  private final KernelCpu cpu;

  ProfileExceptionsNotify(Oprofile profiler, KernelCpu cpu) {
    this.profiler = profiler;
    this.cpu = cpu;
  }

  @Override
  public String name() {
    return "oprofile";
  }

  @Override
  public int notify(DieEvent event, NmiContext nmi) {
    return event == DieEvent.DIE_NMI && profiler.checkCtrs(cpu, nmi) ? NOTIFY_STOP : NOTIFY_DONE;
  }
}

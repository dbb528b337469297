package io.smpsim.kernel.watchdog;

import io.smpsim.kernel.sysctl.NmiWatchdogMode;
import io.smpsim.kernel.sysctl.WatchdogMail;
import io.smpsim.kernel.sysctl.WatchdogParams;
import io.smpsim.hw.pmu.Pmu;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.core.Registry;
import io.smpsim.sim.SimMessage;
import io.smpsim.kernel.core.Subsystem;

/**
 * The NMI watchdog and the lockup detectors (kernel/watchdog.c, watchdog_perf.c, and the 2.6
 * NMI watchdog): each CPU's copy of their state, and the mail the machine-wide control and the
 * PMU send a CPU. The work the control asks for waits until the CPU can schedule, as
 * smp_call_on_cpu() does.
 */
public final class WatchdogSubsystem implements Subsystem {

  @Override
  public void register(Registry r) {
    r.perCpu(Watchdogs.KEY, Watchdogs::new);
    // lockup_detector_online_cpu / lockup_detector_offline_cpu (kernel/watchdog.c).
    r.hotplugState(196, "lockup_detector:online");
    r.cpuMail(WatchdogMail.Params.class, (k, m) -> Watchdogs.of(k).publish(m.params()));
    r.cpuWork(WatchdogMail.Enable.class, WatchdogSubsystem::work);
    r.cpuWork(WatchdogMail.Disable.class, WatchdogSubsystem::work);
    r.cpuWork(WatchdogMail.LegacyToggle.class, WatchdogSubsystem::work);
    r.cpuMail(Pmu.Reserved.class, (k, m) -> {
      Watchdogs w = Watchdogs.of(k);
      if (w.boot().mode() == NmiWatchdogMode.LOCAL_APIC) {
        w.legacy().onReserved(k, m);
      } else {
        w.modern().onReserved(k, m);
      }
    });
    r.wire(NmiWatchdogMode.class, WatchdogParams.class, WatchdogMail.Enable.class,
        WatchdogMail.Disable.class, WatchdogMail.Params.class, WatchdogMail.InitDone.class,
        WatchdogMail.LegacyToggle.class);
  }

  private static void work(KernelCpu k, SimMessage m) {
    Watchdogs.of(k).work(k, m);
  }
}

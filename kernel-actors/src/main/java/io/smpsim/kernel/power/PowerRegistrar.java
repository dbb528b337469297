package io.smpsim.kernel.power;

import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.hotplug.HotplugMail;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.sim.serialization.KryoRegistrar;
import java.util.List;

/** The wire classes of CPU hotplug and the PM core (kept apart from the kernel's first list). */
public final class PowerRegistrar implements KryoRegistrar {

  @Override
  public List<Class<?>> classes() {
    return List.of(
        CpuHotplug.Request.class, CpuHotplug.Result.class, CpuHotplug.Freeze.class,
        CpuHotplug.Thaw.class, CpuHotplug.SetDisabled.class, CpuHotplug.WatchdogOffline.class,
        CpuHotplug.Dead.class, CpuHotplug.ApOnline.class, CpuHotplug.RouteIrq.class,
        HotplugMail.TakeDown.class, HotplugMail.Kick.class, HotplugMail.Sipi.class,
        Sysctl.CpuOffline.class,
        SuspendResume.Read.class, SuspendResume.Write.class, SuspendResume.Wakeup.class,
        SuspendResume.Step.class, SuspendResume.CpusFrozen.class,
        SuspendResume.CpusThawed.class, SuspendResume.Alarm.class,
        SuspendResume.ResumeBusywait.class, PowerMail.SyscoreSuspend.class,
        PowerMail.SyscoreResume.class);
  }
}

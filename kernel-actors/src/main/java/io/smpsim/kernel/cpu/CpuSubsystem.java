package io.smpsim.kernel.cpu;

import io.smpsim.kernel.JobAsker;
import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.core.Registry;
import io.smpsim.kernel.core.StaticFile;
import io.smpsim.kernel.core.Subsystem;
import io.smpsim.kernel.hotplug.ApWakeup;
import io.smpsim.kernel.hotplug.HotplugMail;
import io.smpsim.kernel.panic.KernelLock;
import io.smpsim.kernel.panic.PanicMail;
import io.smpsim.kernel.power.PowerMail;
import io.smpsim.kernel.task.TaskKind;
import io.smpsim.kernel.task.TaskMail;
import io.smpsim.kernel.sysctl.WatchdogMail;
import java.util.List;

/**
 * The per-CPU kernel (arch/x86 entry, smpboot, the tick, idle and the scheduler's runqueue,
 * panic): its files and the mail its CPUs take from each other and from the machine-wide
 * services (boot steps, IPI'd functions, task wake-ups, panic and die-lock answers, hotplug's
 * take-down and wake-up, the PM core's syscore calls).
 */
public final class CpuSubsystem implements Subsystem {

  private static final String CPU_DIR = "/sys/devices/system/cpu";

  @Override
  public void register(Registry r) {
    r.file("/proc/cpuinfo", c -> new CpuInfoFile());
    r.file(CPU_DIR + "/kernel_max", c -> new StaticFile("8191\n"));
    // bringup_cpu(): INIT/SIPI and the AP's call-in; take_cpu_down(): the dying CPU's last
    // steps (kernel/cpu.c).
    r.hotplugState(91, "cpu:bringup");
    r.hotplugState(153, "cpu:teardown");

    // The panic's own steps and locks: they still arrive after this CPU stopped.
    r.cpuMailEvenStopped(PanicMail.Stopped.class, (k, m) -> cpu(k).panics.onStopped(m.cpu()));
    r.cpuMailEvenStopped(PanicMail.Step.class, (k, m) -> cpu(k).panics.step(m.step()));
    r.cpuMailEvenStopped(PanicMail.Granted.class, CpuSubsystem::granted);
    r.cpuMail(PanicMail.StopRequest.class, (k, m) -> {
      if (cpu(k).playDead.dead()) {
        // smp_send_stop() waits only for online CPUs: an offline one is already stopped.
        k.mail(m.panicCpu(), new PanicMail.Stopped(k.index()));
      } else {
        cpu(k).panics.stopRequestedBy(m.panicCpu());
      }
    });

    r.cpuMail(HotplugMail.TakeDown.class,
        (k, m) -> cpu(k).playDead.takeCpuDown(m.migrateTo(), m.online()));
    r.cpuMail(HotplugMail.NoLongerAffine.class, (k, m) -> cpu(k).playDead.noLongerAffine(m));
    r.cpuMail(HotplugMail.FreezeTasks.class, (k, m) -> cpu(k).sched.freezeUserTasks());
    r.cpuMail(HotplugMail.ThawTasks.class, (k, m) -> cpu(k).sched.thaw(m.from()));
    r.cpuMail(HotplugMail.Kick.class, (k, m) -> ApWakeup.kick(k.hw(), m.cpu()));
    r.cpuMail(HotplugMail.Sipi.class, (k, m) -> ApWakeup.startup(k.hw(), m.cpu()));
    r.cpuMail(HotplugMail.Unpark.class, (k, m) -> {
      ReschedCurr.remoteIdle(cpu(k), m.cpu());
      k.mail(m.cpu(), new HotplugMail.Complete(k.index()));
    });
    r.cpuMail(HotplugMail.Complete.class, (k, m) -> WakeList.wakeRemote(cpu(k), m.control()));
    r.cpuMail(HotplugMail.MtrrApsInit.class, (k, m) -> StopMachine.mtrrApsInit(cpu(k), m.aps()));
    r.cpuMail(PowerMail.SyscoreSuspend.class, (k, m) -> cpu(k).playDead.syscoreSuspend());
    r.cpuMail(PowerMail.SyscoreResume.class, (k, m) -> cpu(k).playDead.syscoreResume());

    r.cpuMail(CpuMessages.BootStep.class, (k, m) -> cpu(k).bootCpu().step(m.step()));
    r.cpuMail(CpuMessages.ApCallin.class, (k, m) -> cpu(k).bootCpu().calledIn(m.cpu(),
        m.calibration()));
    r.cpuMail(CpuMessages.ApStarted.class, (k, m) -> cpu(k).apStarted());
    r.cpuMail(CpuMessages.ApWakeupTimeout.class,
        (k, m) -> cpu(k).bootCpu().wakeupFailed(m.ap()));
    r.cpuMail(CpuMessages.QueryIrqStats.class, (k, m) -> k.hw().send(k.layout().shell(),
        k.config().timings().mmio(),
        new JobAsker.Answer(m.job(), new CpuMessages.IrqStatsOf(k.index(), cpu(k).irqSnapshot()))));
    r.cpuMail(CpuMessages.ClockNotify.class, (k, m) -> cpu(k).tick().clockNotify());
    r.cpuMail(CpuMessages.LegacyTouch.class,
        (k, m) -> cpu(k).legacy().nmi().touchers(m.delta()));
    r.cpuMail(CpuMessages.CallFunction.class, (k, m) -> {
      // A function another CPU asked this one to run (its CALL_FUNCTION IPI is on its way).
      cpu(k).legacy().maskLvt0(k, m.fn() == CpuMessages.CallFn.ACPI_NMI_DISABLE);
      k.mail(m.from(), new CpuMessages.CallDone(k.index()));
    });
    r.cpuMail(CpuMessages.CallDone.class, (k, m) -> cpu(k).bootCpu().callDone());
    for (Class<? extends NmiSelfTestMail> c : List.of(NmiSelfTestMail.Sample.class,
        NmiSelfTestMail.Count.class, NmiSelfTestMail.Busy.class, NmiSelfTestMail.EndFlag.class,
        NmiSelfTestMail.Stuck.class, NmiSelfTestMail.EnableNmi.class)) {
      r.cpuMail(c, (k, m) -> CheckNmiWatchdog.onMail(cpu(k), m));
      r.wire(c);
    }
    r.cpuMail(WatchdogMail.InitDone.class, (k, m) -> cpu(k).bootCpu().smpInit());

    r.cpuMail(TaskMail.Wake.class, (k, m) -> cpu(k).sched.wake(m.task()));
    r.cpuMail(TaskMail.Done.class, (k, m) -> cpu(k).sched.timerDone(m.pid()));
    r.cpuMail(TaskMail.LockReleased.class, (k, m) -> {
      if (k.current() != null && k.current().kind() == TaskKind.SPINLOCK_WAIT) {
        cpu(k).finishTask(false);
      }
    });

    r.wire(CpuMessages.ApCallin.class, CpuMessages.BootStep.class, CpuMessages.ApStarted.class,
        CpuMessages.ApWakeupTimeout.class,
        CpuMessages.QueryIrqStats.class, CpuMessages.IrqStatsOf.class, IrqStats.class,
        CpuMessages.CallFunction.class, CpuMessages.CallDone.class,
        CpuMessages.LegacyTouch.class, CpuMessages.CallFn.class, CpuMessages.ClockNotify.class);
  }

  /** The per-CPU kernel's own mail reaches its own parts. */
  private static LinuxCpu cpu(KernelCpu k) {
    return (LinuxCpu) k;
  }

  /** panic_cpu or die_lock answered. */
  private static void granted(KernelCpu k, PanicMail.Granted g) {
    CpuPanic panics = cpu(k).panics;
    if (g.lock() == KernelLock.PANIC && panics.waitingForPanicCpu()) {
      panics.granted(g.ok());
    } else if (g.lock() == KernelLock.DIE && panics.waitingForDieLock()
        && !cpu(k).isStopped()) {
      panics.dieGranted();
    }
  }
}

package io.smpsim.kernel.cpu;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.kernel.core.CpuList;
import io.smpsim.kernel.core.HrtimerFn;
import io.smpsim.kernel.core.Vectors;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.hotplug.HotplugMail;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.kernel.task.TaskMail;
import io.smpsim.kernel.sysctl.NmiWatchdogMode;
import io.smpsim.kernel.watchdog.Watchdogs;

import java.util.BitSet;
import java.util.List;
/**
 * CPU hotplug and system sleep as this CPU lives them: take_cpu_down() then play_dead() until
 * INIT/SIPI (kernel/cpu.c, arch/x86/kernel/smpboot.c), and syscore_suspend()/syscore_resume()
 * on the CPU that runs the sleep (kernel/power/suspend.c).
 */
final class PlayDead {

  private final LinuxCpu cpu;
  /** Offline: in play_dead until INIT/SIPI. */
  private boolean dead;
  /** Taken down by hotplug at least once: its next start-up is a hotplug online. */
  private boolean hotplugged;

  PlayDead(LinuxCpu cpu) {
    this.cpu = cpu;
  }

  boolean dead() {
    return dead;
  }

  boolean hotplugged() {
    return hotplugged;
  }

  /** INIT/SIPI (or power-on): the CPU runs kernel code again. */
  void poweredOn() {
    dead = false;
  }

  /**
   * take_cpu_down() then play_dead(): the runqueue moves away, the tick and every hrtimer stop
   * with the local APIC timer, the local APIC goes offline (every LVT masked, which also
   * silences a 2.6 NMI watchdog), the CPU reports its death and halts with interrupts off;
   * NMIs are ignored until INIT/SIPI.
   */
  void takeCpuDown(int migrateTo, BitSet online) {
    cpu.markOffline();
    dead = true;
    hotplugged = true;
    for (CpuTask t : cpu.sched.takeDown()) {
      CpuTask moving = t;
      int to = migrateTo;
      if (t.allowed() != null) {
        // select_fallback_rq() (kernel/sched/core.c): the first active CPU of its mask; with
        // none, the cpuset fallback gives it every CPU, and a user task is told so.
        int first = CpuList.firstAllowed(t.allowed(), online);
        if (first >= 0) {
          to = first;
        } else {
          moving = t.withAllowed(null);
          if (t.kind().userMode()) {
            noLongerAffine(new HotplugMail.NoLongerAffine(t.pid(), t.comm()));
          }
        }
      }
      if (to >= 0 && to != cpu.index()) {
        cpu.mail(to, new TaskMail.Wake(moving));
        cpu.hw().apic(new LocalApic.WriteIcr(DeliveryMode.FIXED, Shorthand.NONE,
            cpu.layout().apicId(to), Vectors.RESCHEDULE));
      }
    }
    cpu.tick().clear();
    cpu.hw().apic(new LocalApic.StopTimer());
    if (cpu.boot().mode().legacy()) {
      cpu.legacy().disarm(cpu);
    }
    cpu.hw().apic(new LocalApic.SetEnabled(false));
    cpu.hw().setInterruptsEnabled(false);
    cpu.hw().send(cpu.layout().hotplug(), cpu.config().timings().mmio(),
        new CpuHotplug.Dead(cpu.index()));
    cpu.hw().halt();
  }

  /** A task's affinity fell back to every CPU: a user task is told which CPU it lost. */
  void noLongerAffine(HotplugMail.NoLongerAffine n) {
    cpu.printk(LogLevel.WARNING, List.of(n.line(cpu.index())));
  }

  /** Interrupts off and syscore_suspend() on the CPU that runs the sleep; then it sleeps. */
  void syscoreSuspend() {
    cpu.hw().setInterruptsEnabled(false);
    cpu.tick().clear();
    cpu.hw().apic(new LocalApic.StopTimer());
    if (cpu.boot().mode() == NmiWatchdogMode.LOCAL_APIC) {
      // 2.6 lapic_nmi_suspend(): the sysdev stops the local-APIC NMI watchdog.
      cpu.legacy().disarm(cpu);
    }
    cpu.hw().halt();
  }

  /** syscore_resume(): timekeeping_resume() touches the soft-lockup watchdog; irqs back on. */
  void syscoreResume() {
    Watchdogs w = Watchdogs.of(cpu);
    w.modern().soft().touch();
    w.legacy().soft().touch(cpu.jiffies());
    if (w.modern().soft().active()) {
      cpu.tick().startBeforeTick(HrtimerFn.WATCHDOG,
          cpu.hw().now() + cpu.params().samplePeriodNs());
    }
    cpu.tick().startTick();
    if (cpu.boot().mode() == NmiWatchdogMode.LOCAL_APIC) {
      cpu.armLegacyWatchdog();
    }
    cpu.hw().setInterruptsEnabled(true);
    if (cpu.current() == null) {
      cpu.enterIdle();
    }
  }
}

package io.smpsim.kernel.cpu;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Lvt;
import io.smpsim.hw.apic.LvtEntry;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.Vectors;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.sysctl.Sysctl;
import java.util.List;

/**
 * A CPU coming up (arch/x86/kernel/smpboot.c start_secondary, apic/apic.c setup_local_APIC):
 * the local APIC's LVTs and timer, the 2.6 NMI watchdog, set_cpu_online, then the call-in to
 * the boot CPU (at boot) or to the hotplug controller (a hotplug online).
 */
final class ApicSetup {

  private final LinuxCpu cpu;

  ApicSetup(LinuxCpu cpu) {
    this.cpu = cpu;
  }

  /** start_secondary(): the AP is up; it calls in (boot) or tells the hotplug controller. */
  void apStarted() {
    setupLocalApic();
    if (cpu.playDead.hotplugged() || !CheckNmiWatchdog.apDefersNmi(cpu)) {
      cpu.armLegacyWatchdog();
    }
    cpu.markOnline();
    int index = cpu.index();
    if (cpu.playDead.hotplugged()) {
      cpu.hw().send(cpu.layout().hotplug(), cpu.config().timings().mmio(),
          new CpuHotplug.ApOnline(index));
    } else {
      cpu.hw().send(cpu.layout().cpu(0), cpu.config().timings().ipi(),
          new Cpu.KernelMail(new CpuMessages.ApCallin(index, calibrateDelay())));
      // kernel/cpu.c: cpuhp_online_idle() -> complete_ap_thread() wakes the boot CPU's
      // kernel_init, asleep in bringup_wait_for_ap() (CPU 0 idles meanwhile).
      WakeList.wakeRemote(cpu, 0);
    }
    cpu.toSysctl(new Sysctl.CpuOnline(index));
    cpu.enterIdle();
  }

  /**
   * calibrate_delay() on an AP at boot (init/calibrate.c): an {@code lpj=} preset is taken
   * without a word; else, without constant_tsc, calibrate_delay_is_known()
   * (arch/x86/kernel/tsc.c) cannot take a sibling's value, so the AP times
   * {@link CalibrateDelay#RETRIES} delay loops against the TSC; each measurement scatters by the
   * CPU's calibration jitter with this AP and those before it online. Returns what it printed
   * (the BogoMIPS line is the boot CPU's only).
   */
  private List<String> calibrateDelay() {
    MachineConfig c = cpu.config();
    if (CalibrateDelay.presetLpj(c) != 0 || c.cpuId().constantTsc(c.cpuModel())) {
      return List.of();
    }
    long lpj = BootLog.lpj(c);
    double jitter = c.cpuId().jitterWith(cpu.index() + 1);
    long[] measured = new long[CalibrateDelay.RETRIES];
    for (int i = 0; i < measured.length; i++) {
      measured[i] = jitter == 0 ? lpj
          : Math.max(1, Math.round(lpj * StrictMath.exp(jitter * cpu.hw().random().nextGaussian())));
    }
    return CalibrateDelay.direct(measured).lines();
  }

  /** Local APIC set-up (setup_local_APIC, setup_APIC_timer): LVTs, then the tick. */
  void setupLocalApic() {
    var hw = cpu.hw();
    hw.apic(new LocalApic.SetEnabled(true));
    hw.apic(new LocalApic.WriteLvt(Lvt.TIMER, LvtEntry.fixed(Vectors.LOCAL_TIMER)));
    hw.apic(new LocalApic.WriteLvt(Lvt.ERROR, LvtEntry.fixed(Vectors.ERROR_APIC)));
    // LINT0: ExtINT on the boot CPU (8259A virtual wire), masked on the others;
    // LINT1: NMI, unmasked on the boot CPU only (apic_extnmi=bsp).
    boolean bsp = hw.isBootCpu();
    hw.apic(new LocalApic.WriteLvt(Lvt.LINT0, new LvtEntry(0, DeliveryMode.EXTINT, !bsp)));
    hw.apic(new LocalApic.WriteLvt(Lvt.LINT1, new LvtEntry(2, DeliveryMode.NMI, !bsp)));
    hw.setInterruptsEnabled(true);
    cpu.tick().startTick();
  }
}

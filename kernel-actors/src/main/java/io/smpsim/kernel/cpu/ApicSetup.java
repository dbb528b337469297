package io.smpsim.kernel.cpu;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Lvt;
import io.smpsim.hw.apic.LvtEntry;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.core.Vectors;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.sysctl.Sysctl;

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
    cpu.armLegacyWatchdog();
    cpu.markOnline();
    int index = cpu.index();
    if (cpu.playDead.hotplugged()) {
      cpu.hw().send(cpu.layout().hotplug(), cpu.config().timings().mmio(),
          new CpuHotplug.ApOnline(index));
    } else {
      cpu.hw().send(cpu.layout().cpu(0), cpu.config().timings().ipi(),
          new Cpu.KernelMail(new CpuMessages.ApCallin(index)));
    }
    cpu.toSysctl(new Sysctl.CpuOnline(index));
    cpu.enterIdle();
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

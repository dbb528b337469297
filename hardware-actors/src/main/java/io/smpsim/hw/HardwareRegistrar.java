package io.smpsim.hw;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.IoApic;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Lvt;
import io.smpsim.hw.apic.LvtEntry;
import io.smpsim.hw.apic.RedirectionEntry;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.hw.apic.TimerMode;
import io.smpsim.hw.chipset.Chipset;
import io.smpsim.hw.chipset.NmiLine;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.hw.cpu.NmiSource;
import io.smpsim.hw.nic.Frame;
import io.smpsim.hw.nic.Nic;
import io.smpsim.hw.nic.NicConfig;
import io.smpsim.hw.nic.NicLink;
import io.smpsim.hw.pmu.Pmu;
import io.smpsim.hw.pmu.PmuEvent;
import io.smpsim.hw.timer.Hpet;
import io.smpsim.hw.timer.Pit;
import io.smpsim.sim.serialization.KryoRegistrar;
import java.util.List;

/** The hardware's wire classes: every device protocol and its value types. */
public final class HardwareRegistrar implements KryoRegistrar {

  @Override
  public List<Class<?>> classes() {
    return List.of(
        HwTimings.class, NmiSource.class, DeliveryMode.class, Shorthand.class, Lvt.class,
        LvtEntry.class, TimerMode.class, RedirectionEntry.class,
        Cpu.PowerOn.class, Cpu.InitIpi.class, Cpu.StartupIpi.class, Cpu.Interrupt.class,
        Cpu.Nmi.class, Cpu.KernelMail.class, Cpu.HandlerEnd.class, Cpu.NmiStatus.class,
        Cpu.WatchHalt.class,
        LocalApic.WriteLvt.class, LocalApic.ArmTimer.class, LocalApic.StopTimer.class,
        LocalApic.WriteIcr.class, LocalApic.Ipi.class, LocalApic.TimerExpired.class,
        LocalApic.Lint.class, LocalApic.PerfOverflow.class, LocalApic.Routed.class,
        LocalApic.SetEnabled.class,
        IoApic.Irq.class, IoApic.Route.class,
        Pit.Program.class, Pit.Stop.class, Pit.Tick.class, Pit.VirtualWire.class,
        Hpet.Arm.class, Hpet.Disarm.class, Hpet.Fire.class,
        NicConfig.class, NicLink.class, Frame.class, Nic.Xmit.class, Nic.FromWire.class,
        Nic.TxDone.class, Nic.TxCompleted.class, Nic.Received.class,
        NmiLine.class, Chipset.Assert.class, Chipset.Outb.class,
        PmuEvent.class, Pmu.Reserve.class, Pmu.Release.class, Pmu.Program.class, Pmu.Stop.class,
        Pmu.Running.class, Pmu.Blip.class, Pmu.Overflow.class, Pmu.Reserved.class,
        Pmu.Wrmsr.class);
  }
}

package io.smpsim.kernel.cpu;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.IoApic;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Lvt;
import io.smpsim.hw.apic.LvtEntry;
import io.smpsim.hw.apic.RedirectionEntry;
import io.smpsim.hw.apic.TimerMode;
import io.smpsim.hw.cpu.CpuContext;
import io.smpsim.hw.cpu.CpuKernel;
import io.smpsim.hw.cpu.NmiSource;
import io.smpsim.hw.timer.Pit;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.printk.Printk;
import io.smpsim.kernel.shell.Shell;
import io.smpsim.sim.SimMessage;
import java.util.List;

/**
 * The Linux kernel's code on one CPU: boot (the boot CPU brings up the others), the idle loop,
 * the hrtimer-driven tick with NO_HZ idle, interrupt accounting, and the kernel messages other
 * CPUs and services send it. Installed on the hardware CPU as its {@link CpuKernel}.
 */
public final class LinuxCpu implements CpuKernel {

  /** Boot CPU steps, resumed with {@link CpuMessages.BootStep}. */
  private static final int STEP_SETUP = 1;
  private static final int STEP_IOAPIC = 2;
  private static final int STEP_LAPIC_TIMER = 3;
  private static final int STEP_SMP = 4;
  private static final int STEP_SIPI = 5;
  private static final int STEP_DEVICES = 6;
  private static final int STEP_INIT = 7;

  private final MachineConfig config;
  private final MachineLayout layout;
  private final int index;
  private final Hrtimers hrtimers = new Hrtimers();
  private final IrqStats irqs = new IrqStats();
  private SmpBoot smpBoot;
  private int bootingAp = -1;
  private boolean online;
  private boolean idle;
  private boolean tickStopped;
  /** The expiry the local APIC timer is armed for, or -1. */
  private long programmed = -1;

  public LinuxCpu(MachineConfig config, MachineLayout layout, int index) {
    this.config = config;
    this.layout = layout;
    this.index = index;
  }

  public IrqStats irqStats() {
    return irqs;
  }

  public boolean online() {
    return online;
  }

  public boolean idle() {
    return idle;
  }

  public boolean tickStopped() {
    return tickStopped;
  }

  // ---- boot ---------------------------------------------------------------------------------

  @Override
  public void onPowerOn(CpuContext cpu, boolean bootCpu) {
    if (bootCpu) {
      printk(cpu, LogLevel.INFO, BootLog.early(config));
      cpu.later(20_000_000, new CpuMessages.BootStep(STEP_SETUP));
    } else {
      cpu.later(config.apStartupNs(), new CpuMessages.ApStarted());
    }
  }

  private void bootStep(CpuContext cpu, int step) {
    switch (step) {
      case STEP_SETUP -> {
        printk(cpu, LogLevel.INFO, BootLog.setup(config));
        // The PIT ticks on IRQ0 (IO-APIC pin 2) to CPU 0 until the local APIC timer takes over.
        cpu.send(layout.ioApic(), config.timings().mmio(), new IoApic.Route(Pit.GSI,
            new RedirectionEntry(Vectors.isa(0), DeliveryMode.FIXED, cpu.apicId(), false)));
        cpu.send(layout.pit(), config.timings().mmio(), new Pit.Program(Pit.latch(config.hz())));
        cpu.setInterruptsEnabled(true);
        cpu.later(230_000_000, new CpuMessages.BootStep(STEP_IOAPIC));
      }
      case STEP_IOAPIC -> {
        printk(cpu, LogLevel.INFO, BootLog.ioApic());
        cpu.later(20_000_000, new CpuMessages.BootStep(STEP_LAPIC_TIMER));
      }
      case STEP_LAPIC_TIMER -> {
        printk(cpu, LogLevel.INFO, List.of(BootLog.calibrate(config)));
        setupLocalApic(cpu);
        cpu.send(layout.pit(), config.timings().mmio(), new Pit.Stop());
        cpu.later(250_000_000, new CpuMessages.BootStep(STEP_SMP));
      }
      case STEP_SMP -> {
        printk(cpu, LogLevel.INFO, List.of(BootLog.cpu0(config)));
        online = true;
        cpu.send(layout.hotplug(), config.timings().mmio(), new CpuHotplug.SetOnline(index, true));
        smpBoot = new SmpBoot(config);
        if (config.cpus() > 1) {
          printk(cpu, LogLevel.INFO, List.of("smp: Bringing up secondary CPUs ...",
              "x86: Booting SMP configuration:"));
        }
        bringUpNext(cpu);
      }
      case STEP_SIPI -> smpBoot.startup(cpu, bootingAp);
      case STEP_DEVICES -> {
        printk(cpu, LogLevel.INFO, BootLog.clocksources());
        cpu.later(300_000_000, new CpuMessages.BootStep(STEP_INIT));
      }
      case STEP_INIT -> {
        printk(cpu, LogLevel.INFO, BootLog.late(config));
        cpu.send(layout.shell(), config.timings().mmio(), new Shell.BootComplete());
        enterIdle(cpu);
      }
      default -> throw new IllegalStateException("unknown boot step " + step);
    }
  }

  private void bringUpNext(CpuContext cpu) {
    if (smpBoot.done()) {
      klogWrite(cpu, smpBoot.announce().drain());
      printk(cpu, LogLevel.INFO, BootLog.broughtUp(config, smpBoot.broughtUp()));
      cpu.later(200_000_000, new CpuMessages.BootStep(STEP_DEVICES));
      return;
    }
    bootingAp = smpBoot.kickNext(cpu);
    // Two STARTUP IPIs follow INIT; an AP that already started ignores the second.
    cpu.later(SmpBoot.SIPI_DELAY_NS, new CpuMessages.BootStep(STEP_SIPI));
    cpu.later(2 * SmpBoot.SIPI_DELAY_NS, new CpuMessages.BootStep(STEP_SIPI));
  }

  private void apStarted(CpuContext cpu) {
    setupLocalApic(cpu);
    online = true;
    cpu.send(layout.cpu(0), config.timings().ipi(),
        new io.smpsim.hw.cpu.Cpu.KernelMail(new CpuMessages.ApCallin(index)));
    enterIdle(cpu);
  }

  /** Local APIC set-up (setup_local_APIC, setup_APIC_timer): LVTs, then the tick. */
  private void setupLocalApic(CpuContext cpu) {
    cpu.apic(new LocalApic.SetEnabled(true));
    cpu.apic(new LocalApic.WriteLvt(Lvt.TIMER, LvtEntry.fixed(Vectors.LOCAL_TIMER)));
    cpu.apic(new LocalApic.WriteLvt(Lvt.ERROR, LvtEntry.fixed(Vectors.ERROR_APIC)));
    // LINT0: ExtINT on the boot CPU (8259A virtual wire), masked on the others;
    // LINT1: NMI, unmasked on the boot CPU only (apic_extnmi=bsp).
    boolean bsp = cpu.isBootCpu();
    cpu.apic(new LocalApic.WriteLvt(Lvt.LINT0,
        new LvtEntry(0, DeliveryMode.EXTINT, !bsp)));
    cpu.apic(new LocalApic.WriteLvt(Lvt.LINT1, new LvtEntry(2, DeliveryMode.NMI, !bsp)));
    cpu.setInterruptsEnabled(true);
    startTick(cpu);
  }

  // ---- tick and hrtimers --------------------------------------------------------------------

  /** Arms the tick at the next jiffy boundary. */
  private void startTick(CpuContext cpu) {
    long tick = config.tickNs();
    long next = (cpu.now() / tick + 1) * tick;
    hrtimers.start(HrtimerFn.TICK, next);
    tickStopped = false;
    reprogram(cpu);
  }

  /** Points the local APIC timer (TSC-deadline) at the earliest hrtimer. */
  private void reprogram(CpuContext cpu) {
    long next = hrtimers.next();
    if (next == programmed) {
      return;
    }
    programmed = next == Long.MAX_VALUE ? -1 : next;
    if (next == Long.MAX_VALUE) {
      cpu.apic(new LocalApic.StopTimer());
    } else {
      cpu.apic(new LocalApic.ArmTimer(TimerMode.TSC_DEADLINE, next));
    }
  }

  private void localTimerInterrupt(CpuContext cpu) {
    irqs.loc++;
    programmed = -1;
    for (HrtimerFn fn : hrtimers.expired(cpu.now())) {
      runHrtimer(cpu, fn);
    }
    reprogram(cpu);
  }

  private void runHrtimer(CpuContext cpu, HrtimerFn fn) {
    switch (fn) {
      case TICK -> {
        if (idle && config.nohzIdle()) {
          tickStopped = true;
          return;
        }
        long tick = config.tickNs();
        long next = (cpu.now() / tick + 1) * tick;
        hrtimers.start(HrtimerFn.TICK, next);
      }
      default -> throw new IllegalStateException("unhandled hrtimer " + fn);
    }
  }

  // ---- idle ---------------------------------------------------------------------------------

  /** The idle loop: stop the tick under NO_HZ (tick_nohz_idle_stop_tick), then HLT. */
  private void enterIdle(CpuContext cpu) {
    idle = true;
    if (config.nohzIdle()) {
      hrtimers.cancel(HrtimerFn.TICK);
      tickStopped = true;
      reprogram(cpu);
    }
    cpu.halt();
  }

  // ---- interrupts, NMIs, messages -----------------------------------------------------------

  @Override
  public void onInterrupt(CpuContext cpu, int vector) {
    if (vector == Vectors.LOCAL_TIMER) {
      localTimerInterrupt(cpu);
    } else if (vector >= Vectors.ISA_IRQ_BASE
        && vector < Vectors.ISA_IRQ_BASE + IrqStats.ISA_IRQS) {
      irqs.isa[vector - Vectors.ISA_IRQ_BASE]++;
    } else if (vector == Vectors.RESCHEDULE) {
      irqs.res++;
    } else if (vector == Vectors.CALL_FUNCTION || vector == Vectors.CALL_FUNCTION_SINGLE) {
      irqs.cal++;
    } else if (vector == Vectors.IRQ_WORK) {
      irqs.irqWork++;
    } else if (vector == Vectors.SPURIOUS_APIC) {
      irqs.spurious++;
    }
  }

  @Override
  public void onNmi(CpuContext cpu, NmiSource source) {
    irqs.nmi++;
    // Nobody claims it: arch/x86/kernel/nmi.c unknown_nmi_error().
    printk(cpu, LogLevel.EMERG, List.of(
        String.format("Uhhuh. NMI received for unknown reason %02x on CPU %d.", 0, index),
        "Do you have a strange power saving mode enabled?",
        "Dazed and confused, but trying to continue"));
  }

  @Override
  public void onMessage(CpuContext cpu, int src, SimMessage msg) {
    if (msg instanceof CpuMessages.BootStep s) {
      bootStep(cpu, s.step());
    } else if (msg instanceof CpuMessages.ApCallin c) {
      smpBoot.calledIn();
      cpu.send(layout.hotplug(), config.timings().mmio(), new CpuHotplug.SetOnline(c.cpu(), true));
      bringUpNext(cpu);
    } else if (msg instanceof CpuMessages.ApStarted) {
      apStarted(cpu);
    } else if (msg instanceof CpuMessages.QueryIrqStats q) {
      cpu.send(layout.shell(), config.timings().mmio(),
          new Shell.Reply(q.job(), new CpuMessages.IrqStatsOf(index, irqs.copy())));
    }
  }

  // ---- printk -------------------------------------------------------------------------------

  private void printk(CpuContext cpu, LogLevel level, List<String> lines) {
    cpu.send(layout.klog(), config.timings().mmio(), Printk.block(cpu.now(), level, lines));
  }

  private void klogWrite(CpuContext cpu, List<LogLine> lines) {
    if (!lines.isEmpty()) {
      cpu.send(layout.klog(), config.timings().mmio(),
          new io.smpsim.kernel.printk.Klog.Write(lines));
    }
  }
}

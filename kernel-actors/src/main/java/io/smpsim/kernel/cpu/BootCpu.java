package io.smpsim.kernel.cpu;

import io.smpsim.kernel.hotplug.ApWakeup;
import io.smpsim.kernel.core.Vectors;
import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.IoApic;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.RedirectionEntry;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.hw.cpu.CpuContext;
import io.smpsim.hw.timer.Pit;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.Quirk;
import io.smpsim.kernel.acpi.AcpiNamespace;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.hotplug.HotplugMail;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.rcu.RcuMail;
import io.smpsim.kernel.rcu.RcuSync;
import io.smpsim.kernel.shell.Shell;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.kernel.sysctl.NmiWatchdogMode;
import io.smpsim.kernel.sysctl.WatchdogBoot;
import java.util.ArrayList;
import java.util.List;

/**
 * What only the boot CPU does: start_kernel() to rest_init() (init/main.c) in timed steps, the
 * IO-APIC and PIT set-up, smp_init() bringing up the other CPUs one at a time
 * (arch/x86/kernel/smpboot.c), the ACPI namespace's _INI methods under acpi_nmi_disable(), and
 * handing over to init (the shell) at the end.
 */
final class BootCpu {

  /** Boot CPU steps, resumed with {@link CpuMessages.BootStep}. */
  private static final int STEP_SETUP = 1;
  private static final int STEP_IOAPIC = 2;
  private static final int STEP_LAPIC_TIMER = 3;
  private static final int STEP_SMP = 4;
  private static final int STEP_SIPI = 5;
  private static final int STEP_DEVICES = 6;
  private static final int STEP_INIT = 7;
  private static final int STEP_ACPI = 8;
  private static final int STEP_ACPI_INI = 9;
  private static final int STEP_ACPI_INI_DONE = 10;
  private static final int STEP_NMI_TEST_WAITED = 11;
  private static final int STEP_TSC_REFINED = 12;
  /** tsc_refine_calibration_work() measures over HZ jiffies: a second. */
  private static final long TSC_REFINE_NS = 1_000_000_000L;

  private final LinuxCpu cpu;
  private SmpBoot smpBoot;
  private int bootingAp = -1;
  private final AcpiNamespace acpi = new AcpiNamespace();
  private boolean inAcpiIni;
  private int callsPending;
  private CpuMessages.CallFn callPending;
  /** check_nmi_watchdog(), while it runs; {@code nmiTested} once it has. */
  private CheckNmiWatchdog nmiTest;
  /** Where request_irq() puts the legacy devices' vectors; null until smp_init(). */
  private IrqMatrix irqMatrix;
  private boolean nmiTested;
  /** The secondary CPUs smp_init() brought up, in the order they came online. */
  private final ArrayList<Integer> broughtUp = new ArrayList<>();

  BootCpu(LinuxCpu cpu) {
    this.cpu = cpu;
  }

  /** Whether an ACPI _INI method is running (the firmware touches chipset registers). */
  boolean inAcpiIni() {
    return inAcpiIni;
  }

  /** Power on: the early boot lines, then the first step. */
  void start() {
    cpu.printk(LogLevel.INFO, BootLog.early(cpu.config()));
    cpu.hw().later(20_000_000, new CpuMessages.BootStep(STEP_SETUP));
  }

  void step(int step) {
    CpuContext hw = cpu.hw();
    MachineConfig config = cpu.config();
    MachineLayout layout = cpu.layout();
    WatchdogBoot boot = cpu.boot();
    switch (step) {
      case STEP_SETUP -> {
        cpu.printk(LogLevel.INFO, BootLog.setup(config));
        // The PIT ticks on IRQ0 (IO-APIC pin 2) to CPU 0 until the local APIC timer takes over.
        hw.send(layout.ioApic(), config.timings().mmio(), new IoApic.Route(Pit.GSI,
            new RedirectionEntry(Vectors.isa(0), DeliveryMode.FIXED, hw.apicId(), false)));
        hw.send(layout.pit(), config.timings().mmio(), new Pit.Program(Pit.latch(config.hz())));
        hw.setInterruptsEnabled(true);
        hw.later(230_000_000, new CpuMessages.BootStep(STEP_IOAPIC));
      }
      case STEP_IOAPIC -> {
        List<String> lines = new ArrayList<>(BootLog.ioApic(config));
        if (boot.mode() == NmiWatchdogMode.IO_APIC) {
          lines.add("activating NMI Watchdog ... done.");
        }
        cpu.printk(LogLevel.INFO, lines);
        hw.later(20_000_000, new CpuMessages.BootStep(STEP_LAPIC_TIMER));
      }
      case STEP_LAPIC_TIMER -> {
        cpu.printk(LogLevel.INFO, BootLog.lateTime(config));
        cpu.setupLocalApic();
        if (boot.mode() == NmiWatchdogMode.IO_APIC) {
          // The PIT keeps ticking: through the 8259A's virtual wire it is every CPU's NMI, and
          // as the broadcast clock event it is IRQ0 on every CPU (their local APIC timers stop
          // in dynticks idle).
          hw.send(layout.pit(), config.timings().mmio(), new Pit.VirtualWire(true));
          hw.send(layout.ioApic(), config.timings().mmio(), new IoApic.Route(Pit.GSI,
              new RedirectionEntry(Vectors.isa(0), DeliveryMode.FIXED, -1, false)));
        } else {
          hw.send(layout.pit(), config.timings().mmio(), new Pit.Stop());
        }
        cpu.armLegacyWatchdog();
        hw.later(250_000_000, new CpuMessages.BootStep(STEP_SMP));
      }
      case STEP_SMP -> {
        List<String> lines = new ArrayList<>(List.of(BootLog.cpu0(config)));
        if (!config.pmu() && !config.kernel().legacyNmiWatchdog()) {
          // arch/x86/events/core.c init_hw_perf_events() (an early initcall, before
          // lockup_detector_init()): check_hw_exists() fails on a guest without a virtual PMU.
          lines.add("Performance Events: PMU not available due to virtualization, using software"
              + " events only.");
        }
        cpu.printk(LogLevel.INFO, lines);
        cpu.markOnline();
        hw.send(layout.hotplug(), config.timings().mmio(),
            new CpuHotplug.SetOnline(cpu.index(), true));
        // lockup_detector_init() runs before the secondary CPUs come up.
        cpu.toSysctl(new Sysctl.LockupDetectorInit(cpu.index()));
      }
      case STEP_SIPI -> smpBoot.startup(hw, bootingAp);
      case STEP_ACPI -> {
        cpu.printk(LogLevel.INFO, List.of("ACPI: " + 1 + " ACPI AML tables successfully acquired"
            + " and loaded"));
        step(STEP_ACPI_INI);
      }
      case STEP_ACPI_INI -> acpiIniNext();
      case STEP_ACPI_INI_DONE -> {
        inAcpiIni = false;
        acpiNmi(CpuMessages.CallFn.ACPI_NMI_ENABLE, STEP_ACPI_INI);
      }
      case STEP_DEVICES -> {
        List<String> lines = new ArrayList<>();
        if (!boot.hpetDisabled()) {
          lines.addAll(BootLog.clocksources(config));
        } else {
          lines.add("clocksource: Switched to clocksource tsc-early");
        }
        cpu.printk(LogLevel.INFO, lines);
        clockNotify();
        LegacyDevices.initcalls(cpu, irqMatrix());
        if (BootLog.tscRefinedLater(config) && !BootLog.tscUnstable(config)) {
          // init_tsc_clocksource(): the refinement's first run is now, its second a second on.
          hw.later(TSC_REFINE_NS, new CpuMessages.BootStep(STEP_TSC_REFINED));
        }
        hw.later(300_000_000, new CpuMessages.BootStep(STEP_INIT));
      }
      case STEP_INIT -> {
        if (!nmiTested && !CheckNmiWatchdog.early(cpu) && CheckNmiWatchdog.runs(cpu)) {
          // late_initcall(check_nmi_watchdog), before init.
          startNmiTest();
          return;
        }
        cpu.printk(LogLevel.INFO, BootLog.late(config));
        LegacyDevices.consoleOpened(cpu, irqMatrix());
        hw.send(layout.shell(), config.timings().mmio(), new Shell.BootComplete());
        cpu.enterIdle();
      }
      case STEP_NMI_TEST_WAITED -> nmiTestOver(nmiTest.waited(cpu));
      case STEP_TSC_REFINED -> cpu.printk(LogLevel.INFO, BootLog.tscRefined(config));
      default -> throw new IllegalStateException("unknown boot step " + step);
    }
  }

  /** lockup_detector_init() is done: smp_init() brings up the secondary CPUs. */
  void smpInit() {
    smpBoot = new SmpBoot(cpu.config());
    irqMatrix();
    // kernel/smp.c smp_init() says it brings up the secondary CPUs, even when there are none;
    // arch/x86/kernel/smpboot.c announces the configuration as it boots the first AP.
    if (BootLog.announcesSmp(cpu.config())) {
      cpu.printk(LogLevel.INFO, List.of("smp: Bringing up secondary CPUs ..."));
    }
    if (cpu.config().cpus() > 1) {
      cpu.printk(LogLevel.INFO, List.of("x86: Booting SMP configuration:"));
    }
    bringUpNext();
  }

  /**
   * The AP being brought up called in: it is online, the next one starts. Lines the AP printed
   * while calibrating are records of their own, so they end the boot CPU's {@code .... node}
   * line and the next {@code #N} opens a new one (kernel/printk/printk.c: a continuation only
   * extends the last record while it is its caller's).
   */
  void calledIn(int ap, List<String> calibration) {
    smpBoot.calledIn();
    broughtUp.add(ap);
    if (cpu.config().kernel().major() >= 5) {
      irqMatrix().online(ap);
    }
    if (!calibration.isEmpty()) {
      cpu.klogWrite(smpBoot.announce().drain());
      cpu.printk(LogLevel.NOTICE, calibration);
    }
    cpu.hw().send(cpu.layout().hotplug(), cpu.config().timings().mmio(),
        new CpuHotplug.SetOnline(ap, true));
    // kernel/cpu.c bringup_wait_for_ap(): kthread_unpark() wakes the AP's hotplug thread,
    // which runs the AP's online states while the AP idles. The AP is online but not yet
    // active, so the wake-up skips its wake list and IPIs it to reschedule. Once done, the
    // hotplug thread completes kernel_init's wait in cpuhp_kick_ap().
    ReschedCurr.remoteIdle(cpu, ap);
    cpu.mail(ap, new HotplugMail.Complete(cpu.index()));
    bringUpNext();
  }

  private void startNmiTest() {
    nmiTest = new CheckNmiWatchdog();
    nmiTest.start(cpu, STEP_NMI_TEST_WAITED);
  }

  /**
   * A CPU's NMI count for the self-test. When the test is over the boot goes on where it ran:
   * at the end of smp_boot_cpus() (the early test, after which cpu_up() lets each AP enable its
   * watchdog NMI) or before init; unless the APs spin on for ever in nmi_cpu_busy(), where the
   * boot CPU waits for them in vain.
   */
  void selfTestCount(NmiSelfTestMail.Count c) {
    if (nmiTest == null) {
      return;
    }
    nmiTestOver(nmiTest.count(cpu, c));
  }

  private void nmiTestOver(CheckNmiWatchdog.Outcome o) {
    if (o == CheckNmiWatchdog.Outcome.PENDING) {
      return;
    }
    nmiTest = null;
    nmiTested = true;
    if (o == CheckNmiWatchdog.Outcome.HUNG) {
      cpu.enterIdle();
      return;
    }
    if (CheckNmiWatchdog.early(cpu)) {
      if (CheckNmiWatchdog.apDefersNmi(cpu)) {
        for (int ap = 0; ap < cpu.config().cpus(); ap++) {
          if (ap != cpu.index()) {
            cpu.mail(ap, new NmiSelfTestMail.EnableNmi());
          }
        }
      }
      bringUpNext();
    } else {
      step(STEP_INIT);
    }
  }

  /** Another CPU ran the function acpi_nmi_disable()/enable() asked of it. */
  void callDone() {
    if (--callsPending == 0) {
      afterAcpiNmi(callPending);
    }
  }

  /** Runs the next device's _INI, each under acpi_nmi_disable() as the T60 fix does. */
  private void acpiIniNext() {
    if (!acpi.more()) {
      cpu.printk(LogLevel.INFO, List.of("ACPI: Interpreter enabled",
          "ACPI: PM: (supports S0 S3 S4 S5)", "ACPI: Using IOAPIC for interrupt routing",
          "ACPI: PCI Root Bridge [PCI0] (domain 0000 [bus 00-ff])"));
      cpu.hw().later(150_000_000, new CpuMessages.BootStep(STEP_DEVICES));
      return;
    }
    acpi.nextDevice();
    acpiNmi(CpuMessages.CallFn.ACPI_NMI_DISABLE, -1);
  }

  /**
   * acpi_nmi_disable() / acpi_nmi_enable(): in IO-APIC watchdog mode, on_each_cpu() masks or
   * unmasks LVT0 and waits for every CPU; then boot goes on at {@code thenStep} (or, after a
   * disable, the _INI runs).
   */
  private void acpiNmi(CpuMessages.CallFn fn, int thenStep) {
    boolean gate = cpu.boot().mode() == NmiWatchdogMode.IO_APIC
        && cpu.legacy().nmi().enabled()
        && !cpu.config().has(Quirk.NO_NMI_GATE_DURING_ACPI_INI);
    callsPending = 0;
    callPending = fn;
    if (gate) {
      cpu.legacy().maskLvt0(cpu, fn == CpuMessages.CallFn.ACPI_NMI_DISABLE);
      for (int c = 0; c < cpu.config().cpus(); c++) {
        if (c != cpu.index()) {
          cpu.mail(c, new CpuMessages.CallFunction(fn, cpu.index()));
          callsPending++;
        }
      }
      if (callsPending > 0) {
        cpu.hw().apic(new LocalApic.WriteIcr(DeliveryMode.FIXED, Shorthand.ALL_EXCLUDING_SELF,
            0, Vectors.CALL_FUNCTION));
        return;
      }
    }
    afterAcpiNmi(fn);
  }

  private void afterAcpiNmi(CpuMessages.CallFn fn) {
    if (fn == CpuMessages.CallFn.ACPI_NMI_DISABLE) {
      inAcpiIni = true;
      cpu.hw().later(AcpiNamespace.INI_NS, new CpuMessages.BootStep(STEP_ACPI_INI_DONE));
    } else {
      step(STEP_ACPI_INI);
    }
  }

  private void bringUpNext() {
    CpuContext hw = cpu.hw();
    if (smpBoot.done() && !nmiTested && CheckNmiWatchdog.early(cpu)) {
      // check_timer() from setup_IO_APIC() at the end of smp_boot_cpus(): the test runs now.
      cpu.klogWrite(smpBoot.announce().drain());
      startNmiTest();
      return;
    }
    if (smpBoot.done()) {
      cpu.klogWrite(smpBoot.announce().drain());
      cpu.printk(LogLevel.INFO, BootLog.broughtUp(cpu.config(), smpBoot.broughtUp()));
      StopMachine.mtrrApsInit(cpu, broughtUp);
      smpInitGracePeriods();
      hw.later(200_000_000, new CpuMessages.BootStep(STEP_ACPI));
      return;
    }
    bootingAp = smpBoot.kickNext(hw);
    // Two STARTUP IPIs follow INIT; an AP that already started ignores the second.
    hw.later(SmpBoot.SIPI_DELAY_NS, new CpuMessages.BootStep(STEP_SIPI));
    hw.later(2 * SmpBoot.SIPI_DELAY_NS, new CpuMessages.BootStep(STEP_SIPI));
    if (!ApWakeup.answersInTime(cpu.config())) {
      hw.later(ApWakeup.GIVE_UP_NS, new CpuMessages.ApWakeupTimeout(bootingAp));
    }
  }

  /**
   * Each cpu_up() cost a normal grace period after the CPU came up ({@link RcuSync}): the
   * boot CPU ticked through all of them, each secondary CPU through its own and the later ones.
   */
  private void smpInitGracePeriods() {
    if (!RcuSync.hotplugLockSyncs(cpu.config().kernel())) {
      return;
    }
    int m = broughtUp.size();
    RcuSync.tickedThrough(cpu, m);
    for (int i = 0; i < m; i++) {
      cpu.mail(broughtUp.get(i), new RcuMail.SmpInitGracePeriods(m - i));
    }
  }

  /**
   * do_boot_cpu() gave up waiting for {@code ap}: native_cpu_up() logs it (a record of its own,
   * so it ends the {@code .... node} line) and smp_init() goes on with the next CPU; the AP
   * stays offline (bringup_nonboot_cpus() ignores cpu_up()'s error).
   */
  void wakeupFailed(int ap) {
    if (ap != bootingAp) {
      return;
    }
    cpu.klogWrite(smpBoot.announce().drain());
    cpu.printk(LogLevel.ERR, List.of(ApWakeup.failedLine(ap)));
    bringUpNext();
  }

  /**
   * clocksource_done_booting() selected a clocksource valid for high resolution:
   * tick_clock_notify() sets check_clocks on every possible CPU (kernel/time/tick-sched.c).
   * Until then each online CPU runs the periodic tick, idle or not.
   */
  /**
   * The vector matrix as the boot CPU sees it. A 2.6 kernel had none: its IO-APIC pins went to
   * the boot CPU (TARGET_CPUS), which only the APs it never onlines here stand for.
   */
  private IrqMatrix irqMatrix() {
    if (irqMatrix == null) {
      irqMatrix = new IrqMatrix(cpu.config().cpus(), cpu.index());
    }
    return irqMatrix;
  }

  private void clockNotify() {
    cpu.tick().clockNotify();
    for (int c = 0; c < cpu.config().cpus(); c++) {
      if (c != cpu.index()) {
        cpu.mail(c, new CpuMessages.ClockNotify());
      }
    }
  }
}

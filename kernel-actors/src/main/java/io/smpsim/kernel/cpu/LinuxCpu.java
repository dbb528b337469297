package io.smpsim.kernel.cpu;

import io.smpsim.hw.apic.DeliveryMode;
import io.smpsim.hw.apic.LocalApic;
import io.smpsim.hw.apic.Lvt;
import io.smpsim.hw.apic.LvtEntry;
import io.smpsim.hw.apic.Shorthand;
import io.smpsim.hw.cpu.Cpu;
import io.smpsim.hw.cpu.CpuContext;
import io.smpsim.hw.cpu.CpuKernel;
import io.smpsim.hw.cpu.NmiSource;
import io.smpsim.hw.pmu.Pmu;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.backtrace.BacktraceMail;
import io.smpsim.kernel.backtrace.NmiBacktrace;
import io.smpsim.kernel.hotplug.ApWakeup;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.hotplug.HotplugMail;
import io.smpsim.kernel.locking.SpinlockDebug;
import io.smpsim.kernel.power.PowerMail;
import io.smpsim.kernel.nmi.CpuNmi;
import io.smpsim.kernel.nmi.NmiMail;
import io.smpsim.kernel.panic.KernelLock;
import io.smpsim.kernel.panic.PanicMail;
import io.smpsim.kernel.printk.DumpStack;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.printk.Printk;
import io.smpsim.kernel.shell.Shell;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.kernel.sysrq.Sysrq;
import io.smpsim.kernel.sysrq.SysrqMail;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.kernel.task.TaskKind;
import io.smpsim.kernel.task.TaskMail;
import io.smpsim.kernel.watchdog.CpuWatchdog;
import io.smpsim.kernel.watchdog.LegacyWatchdogCpu;
import io.smpsim.kernel.watchdog.NmiWatchdogMode;
import io.smpsim.kernel.watchdog.WatchdogBoot;
import io.smpsim.kernel.watchdog.WatchdogMail;
import io.smpsim.kernel.watchdog.WatchdogParams;
import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The Linux kernel's code on one CPU: boot (the boot CPU brings up the others), the idle loop,
 * the hrtimer-driven tick with NO_HZ idle, interrupt accounting, the tasks smpsim injects, NMI
 * handling with the lockup detectors, and panic. Installed on the hardware CPU as its
 * {@link CpuKernel}; to its subsystems it is the {@link KernelCpu} they act through.
 */
public final class LinuxCpu implements CpuKernel, KernelCpu {

  private final MachineConfig config;
  private final MachineLayout layout;
  private final int index;
  private final WatchdogBoot boot;
  /** The tick and the hrtimers, NO_HZ idle included. */
  private final TickSched tick = new TickSched(this);
  private final IrqStats irqs = new IrqStats();
  /** What only the boot CPU does, from power-on to init. */
  private final BootCpu bootCpu = new BootCpu(this);
  private boolean online;
  private boolean idle;

  private WatchdogParams params;
  private final CpuWatchdog watchdog = new CpuWatchdog();
  private final LegacyWatchdogCpu legacy = new LegacyWatchdogCpu();
  private final CpuNmi nmi = new CpuNmi();

  private CpuTask current;
  private CpuTask queued;
  private long taskTimer = -1;
  /** Lockup-detector work that waits for the CPU to schedule (smp_call_on_cpu). */
  private final ArrayList<SimMessage> deferred = new ArrayList<>();

  private boolean wedged;

  /** This CPU's part in all-CPU backtraces, asking or answering. */
  private final NmiBacktrace backtrace = new NmiBacktrace();

  /** This CPU's part in oopses and panics. */
  private final CpuPanic panics = new CpuPanic(this);
  private boolean stopped;

  /** Offline: in play_dead until INIT/SIPI. */
  private boolean dead;
  /** Taken down by hotplug at least once: its next start-up is a hotplug online. */
  private boolean hotplugged;

  private transient CpuContext hw;

  public LinuxCpu(MachineConfig config, MachineLayout layout, int index) {
    this.config = config;
    this.layout = layout;
    this.index = index;
    this.boot = WatchdogBoot.parse(config.kernelCmdline());
    this.params = new WatchdogParams(boot.mode(), false, false, boot.thresh(),
        boot.hardlockupPanic(), boot.softlockupPanic(), boot.hardAllCpuBacktrace(),
        boot.softAllCpuBacktrace(), boot.unknownNmiPanic(), boot.panicTimeout(), false, 0);
  }

  public IrqStats irqStats() {
    return irqs;
  }

  public boolean online() {
    return online;
  }

  public boolean tickStopped() {
    return tick.stopped();
  }

  public CpuWatchdog watchdog() {
    return watchdog;
  }

  public CpuNmi nmi() {
    return nmi;
  }

  // ---- KernelCpu ------------------------------------------------------------------------------

  @Override
  public CpuContext hw() {
    return hw;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public MachineConfig config() {
    return config;
  }

  @Override
  public MachineLayout layout() {
    return layout;
  }

  @Override
  public WatchdogBoot boot() {
    return boot;
  }

  @Override
  public WatchdogParams params() {
    return params;
  }

  @Override
  public IrqStats irqs() {
    return irqs;
  }

  @Override
  public CpuTask current() {
    return current;
  }

  @Override
  public boolean idle() {
    return idle;
  }

  @Override
  public boolean irqsOn() {
    return current == null || !current.irqsOff();
  }

  @Override
  public DumpStack.Where where() {
    return new DumpStack.Where(index, current, irqsOn(), params.taint());
  }

  @Override
  public void printk(LogLevel level, List<String> lines) {
    hw.send(layout.klog(), config.timings().mmio(), Printk.block(hw.now(), level, lines));
  }

  @Override
  public void mail(int cpu, SimMessage msg) {
    hw.send(layout.cpu(cpu), config.timings().ipi(), new Cpu.KernelMail(msg));
  }

  @Override
  public long irq0Count() {
    return irqs.isa[0];
  }

  @Override
  public long jiffies() {
    return hw.now() / config.tickNs();
  }

  @Override
  public void hrtimerStart(HrtimerFn fn, long expires) {
    tick.start(fn, expires);
  }

  @Override
  public void hrtimerCancel(HrtimerFn fn) {
    tick.cancel(fn);
  }

  @Override
  public void toSysctl(Sysctl.Command msg) {
    hw.send(layout.sysctl(), config.timings().mmio(), msg);
  }

  @Override
  public void touchNmiWatchdog() {
    watchdog.touch();
    legacy.nmi().touch();
    legacy.soft().touch(jiffies());
  }

  // ---- boot -----------------------------------------------------------------------------------

  @Override
  public void onPowerOn(CpuContext cpu, boolean bootCpu) {
    hw = cpu;
    dead = false;
    if (bootCpu) {
      this.bootCpu.start();
    } else {
      cpu.later(config.apStartupNs(), new CpuMessages.ApStarted());
    }
  }

  private void apStarted() {
    setupLocalApic();
    armLegacyWatchdog();
    online = true;
    if (hotplugged) {
      hw.send(layout.hotplug(), config.timings().mmio(), new CpuHotplug.ApOnline(index));
    } else {
      hw.send(layout.cpu(0), config.timings().ipi(),
          new Cpu.KernelMail(new CpuMessages.ApCallin(index)));
    }
    toSysctl(new Sysctl.CpuOnline(index));
    enterIdle();
  }

  /** The 2.6 NMI watchdog's per-CPU set-up (setup_apic_nmi_watchdog, start_secondary). */
  void armLegacyWatchdog() {
    if (boot.mode() == NmiWatchdogMode.IO_APIC) {
      legacy.arm(this, config.hz());
    } else if (boot.mode() == NmiWatchdogMode.LOCAL_APIC) {
      legacy.arm(this, 1);
    }
  }

  /** Local APIC set-up (setup_local_APIC, setup_APIC_timer): LVTs, then the tick. */
  void setupLocalApic() {
    hw.apic(new LocalApic.SetEnabled(true));
    hw.apic(new LocalApic.WriteLvt(Lvt.TIMER, LvtEntry.fixed(Vectors.LOCAL_TIMER)));
    hw.apic(new LocalApic.WriteLvt(Lvt.ERROR, LvtEntry.fixed(Vectors.ERROR_APIC)));
    // LINT0: ExtINT on the boot CPU (8259A virtual wire), masked on the others;
    // LINT1: NMI, unmasked on the boot CPU only (apic_extnmi=bsp).
    boolean bsp = hw.isBootCpu();
    hw.apic(new LocalApic.WriteLvt(Lvt.LINT0, new LvtEntry(0, DeliveryMode.EXTINT, !bsp)));
    hw.apic(new LocalApic.WriteLvt(Lvt.LINT1, new LvtEntry(2, DeliveryMode.NMI, !bsp)));
    hw.setInterruptsEnabled(true);
    tick.startTick();
  }

  // ---- idle and tasks -------------------------------------------------------------------------

  /** The idle loop: stop the tick under NO_HZ (tick_nohz_idle_stop_tick), then HLT. */
  void enterIdle() {
    idle = true;
    if (config.nohzIdle()) {
      tick.stopForIdle();
    }
    hw.halt();
  }

  /** Leaving the idle loop for a task: the tick runs again (tick_nohz_idle_exit). */
  private void exitIdle() {
    idle = false;
    tick.restartAfterIdle();
    // 2.6: restarting the tick touches the soft-lockup watchdog.
    legacy.soft().touch(jiffies());
  }

  /** Whether the scheduler could run another task here now (nothing pins the CPU). */
  private boolean canSchedule() {
    return current == null && !panics.inProgress();
  }

  /** schedule(): the woken task gets the CPU if nothing holds it. */
  private void schedule() {
    if (queued == null || !canSchedule() || !online) {
      return;
    }
    current = queued;
    queued = null;
    if (hw.inIrq() || hw.inNmi()) {
      hw.stayAwake();
    }
    exitIdle();
    if (current.irqsOff()) {
      hw.setInterruptsEnabled(false);
    }
    if (current.kind().touches()) {
      touchNmiWatchdog();
      legacyTouchers(1);
    }
    if (current.runNs() >= 0) {
      taskTimer = hw.later(current.runNs(), new TaskMail.Done(current.pid()));
    }
    if (current.kind() == TaskKind.SPINLOCK_WAIT) {
      SpinlockDebug.startWaiting(this);
    }
  }

  /** The current task is done (it finished, got its lock, or was killed by the die path). */
  void finishTask(boolean killed) {
    CpuTask t = current;
    if (t == null) {
      return;
    }
    if (taskTimer >= 0) {
      hw.cancel(taskTimer);
      taskTimer = -1;
    }
    if (t.kind() == TaskKind.LOCK_HOLDER && !killed && t.lockHolder() >= 0) {
      mail(t.lockHolder(), new TaskMail.LockReleased(index));
    }
    if (t.kind().touches()) {
      touchNmiWatchdog();
      legacyTouchers(-1);
    }
    if (t.irqsOff()) {
      // local_irq_enable() in the task: the pending interrupts (the timer, with the watchdog's
      // check) are taken right here, while the task is still current.
      hw.setInterruptsEnabled(true);
    }
    current = null;
    // Preemption is possible again: the stopper and kworker work that waited run first.
    afterIrq();
    List<SimMessage> work = new ArrayList<>(deferred);
    deferred.clear();
    for (SimMessage m : work) {
      watchdogMail(m);
    }
    schedule();
    if (current == null) {
      enterIdle();
    }
  }

  /** 2.6 touch_nmi_watchdog() touches every CPU: tell them a toucher started or ended. */
  private void legacyTouchers(int delta) {
    if (!boot.mode().legacy()) {
      return;
    }
    legacy.nmi().touchers(delta);
    for (int c = 0; c < config.cpus(); c++) {
      if (c != index) {
        mail(c, new CpuMessages.LegacyTouch(delta));
      }
    }
  }

  /** At the end of an interrupt: the soft-lockup kick may run if the CPU can schedule. */
  private void afterIrq() {
    boolean can = canSchedule();
    watchdog.maybeRunStopper(this, can);
    legacy.maybeRunThread(this, can);
  }

  @Override
  public void dieNmi(List<String> lines, boolean panic) {
    panics.dieNmi(lines, panic);
  }

  // ---- interrupts, NMIs, messages -------------------------------------------------------------

  @Override
  public void onInterrupt(CpuContext cpu, int vector) {
    hw = cpu;
    if (stopped || dead) {
      return;
    }
    if (vector == Vectors.LOCAL_TIMER) {
      irqs.loc++;
      tick.localTimerInterrupt();
    } else if (vector >= Vectors.ISA_IRQ_BASE
        && vector < Vectors.ISA_IRQ_BASE + IrqStats.ISA_IRQS) {
      irqs.isa[vector - Vectors.ISA_IRQ_BASE]++;
    } else if (vector == Vectors.RESCHEDULE) {
      irqs.res++;
      schedule();
    } else if (vector == Vectors.CALL_FUNCTION || vector == Vectors.CALL_FUNCTION_SINGLE) {
      irqs.cal++;
    } else if (vector == Vectors.REBOOT) {
      if (panics.stopRequested()) {
        panics.stopThisCpu();
        return;
      }
    } else if (vector == Vectors.IRQ_WORK) {
      irqs.irqWork++;
    } else if (vector == Vectors.SPURIOUS_APIC) {
      irqs.spurious++;
    }
    afterIrq();
  }

  @Override
  public void onNmi(CpuContext cpu, NmiSource source) {
    hw = cpu;
    if (stopped || wedged || dead) {
      return;
    }
    if (panics.stopRequested()) {
      // smp_stop_nmi_callback: the panicking CPU's NMI stops this one.
      irqs.nmi++;
      panics.stopThisCpu();
      return;
    }
    if (bootCpu.inAcpiIni() && (source == NmiSource.LINT0 || source == NmiSource.LINT1)) {
      // The T60 firmware's _INI was storing to chipset registers: the machine wedges here,
      // so hard that not even another NMI gets through.
      wedged = true;
      hw.holdHandler(Long.MAX_VALUE);
      return;
    }
    if (current != null && current.kind().touches()) {
      // The busy-wait calls touch_nmi_watchdog() every few microseconds.
      watchdog.hard().touch();
    }
    if (boot.mode().legacy()) {
      nmi.legacy(this, source, legacy);
    } else {
      nmi.modern(this, source, watchdog);
    }
  }

  @Override
  public void onMessage(CpuContext cpu, int src, SimMessage msg) {
    hw = cpu;
    if (msg instanceof PanicMail.Stopped s) {
      panics.onStopped(s.cpu());
      return;
    }
    if (msg instanceof PanicMail.Step s) {
      panics.step(s.step());
      return;
    }
    if (msg instanceof PanicMail.Granted g) {
      if (g.lock() == KernelLock.PANIC && panics.waitingForPanicCpu()) {
        panics.granted(g.ok());
      } else if (g.lock() == KernelLock.DIE && panics.waitingForDieLock() && !stopped) {
        panics.dieGranted();
      }
      return;
    }
    if (stopped || wedged) {
      return;
    }
    if (hotplugOrPmMail(msg)) {
      return;
    }
    if (msg instanceof CpuMessages.BootStep s) {
      bootCpu.step(s.step());
    } else if (msg instanceof CpuMessages.ApCallin c) {
      bootCpu.calledIn(c.cpu());
    } else if (msg instanceof CpuMessages.ApStarted) {
      apStarted();
    } else if (msg instanceof CpuMessages.QueryIrqStats q) {
      hw.send(layout.shell(), config.timings().mmio(),
          new Shell.Reply(q.job(), new CpuMessages.IrqStatsOf(index, irqs.copy())));
    } else if (msg instanceof CpuMessages.LegacyTouch t) {
      legacy.nmi().touchers(t.delta());
    } else if (msg instanceof CpuMessages.CallFunction f) {
      callFunction(f);
    } else if (msg instanceof CpuMessages.CallDone) {
      bootCpu.callDone();
    } else if (msg instanceof WatchdogMail.Params p) {
      params = p.params();
    } else if (msg instanceof WatchdogMail.InitDone) {
      bootCpu.smpInit();
    } else if (msg instanceof WatchdogMail.Enable || msg instanceof WatchdogMail.Disable
        || msg instanceof WatchdogMail.LegacyToggle) {
      if (canSchedule()) {
        watchdogMail(msg);
      } else {
        deferred.add(msg);
      }
    } else if (msg instanceof Pmu.Reserved r) {
      if (boot.mode() == NmiWatchdogMode.LOCAL_APIC) {
        legacy.onReserved(this, r);
      } else {
        watchdog.onReserved(this, r);
      }
    } else if (msg instanceof TaskMail.Wake w) {
      queued = w.task();
    } else if (msg instanceof TaskMail.Done d) {
      if (current != null && current.pid() == d.pid()) {
        taskTimer = -1;
        finishTask(false);
      }
    } else if (msg instanceof TaskMail.LockReleased) {
      if (current != null && current.kind() == TaskKind.SPINLOCK_WAIT) {
        finishTask(false);
      }
    } else if (msg instanceof TaskMail.Debugger d) {
      nmi.attachDebugger(d.attach());
    } else if (msg instanceof NmiMail.IochkWaitDone d) {
      nmi.iochkWaitDone(this, d.value());
    } else if (msg instanceof PanicMail.StopRequest r) {
      panics.stopRequestedBy(r.panicCpu());
    } else if (msg instanceof BacktraceMail.Mail m) {
      NmiBacktrace.Finished f = backtrace.onMail(this, m);
      if (f != null) {
        afterBacktrace(f);
      }
    } else if (msg instanceof SysrqMail.Handle h) {
      Sysrq.handle(this, h);
    } else if (msg instanceof SpinlockDebug.Check c) {
      if (current != null && current.pid() == c.pid()
          && current.kind() == TaskKind.SPINLOCK_WAIT) {
        SpinlockDebug.lockupSuspected(this);
      }
    } else {
      // Mail no handler claims is a sender's bug: dropping it would hide the bug as a hang.
      throw new IllegalArgumentException("CPU " + index + " does not understand " + msg);
    }
  }

  /** The lockup-detector work the machine-wide control asks this CPU to do. */
  private void watchdogMail(SimMessage msg) {
    if (msg instanceof WatchdogMail.Enable e) {
      params = e.params();
      if (boot.mode().legacy()) {
        if (params.softEnabled()) {
          legacy.soft().enable(jiffies());
        }
        toSysctl(new Sysctl.Ack(index));
      } else {
        watchdog.enable(this, params);
      }
    } else if (msg instanceof WatchdogMail.Disable) {
      legacy.soft().disable();
      watchdog.disable(this);
    } else if (msg instanceof WatchdogMail.LegacyToggle t) {
      if (t.on()) {
        armLegacyWatchdog();
      } else {
        legacy.disarm(this);
      }
      toSysctl(new Sysctl.Ack(index));
    }
  }

  /** A function another CPU asked this one to run (its CALL_FUNCTION IPI is on its way). */
  private void callFunction(CpuMessages.CallFunction f) {
    legacy.maskLvt0(this, f.fn() == CpuMessages.CallFn.ACPI_NMI_DISABLE);
    mail(f.from(), new CpuMessages.CallDone(index));
  }

  // ---- CPU hotplug and system sleep -----------------------------------------------------------

  private boolean hotplugOrPmMail(SimMessage msg) {
    if (dead && msg instanceof PanicMail.StopRequest r) {
      // smp_send_stop() waits only for online CPUs: an offline one is already stopped.
      mail(r.panicCpu(), new PanicMail.Stopped(index));
    } else if (msg instanceof HotplugMail.TakeDown t) {
      takeCpuDown(t.migrateTo());
    } else if (msg instanceof HotplugMail.Kick k) {
      ApWakeup.kick(hw, k.cpu());
    } else if (msg instanceof HotplugMail.Sipi s) {
      ApWakeup.startup(hw, s.cpu());
    } else if (msg instanceof PowerMail.SyscoreSuspend) {
      syscoreSuspend();
    } else if (msg instanceof PowerMail.SyscoreResume) {
      syscoreResume();
    } else {
      return false;
    }
    return true;
  }

  /**
   * take_cpu_down() then play_dead() (kernel/cpu.c, arch/x86/kernel/smpboot.c): the runqueue
   * moves away, the tick and every hrtimer stop with the local APIC timer, the local APIC goes
   * offline (every LVT masked, which also silences a 2.6 NMI watchdog), the CPU reports its
   * death and halts with interrupts off; NMIs are ignored until INIT/SIPI.
   */
  private void takeCpuDown(int migrateTo) {
    online = false;
    dead = true;
    hotplugged = true;
    for (CpuTask t : new CpuTask[] {queued, current}) {
      if (t != null && migrateTo >= 0 && migrateTo != index) {
        mail(migrateTo, new TaskMail.Wake(t));
        hw.apic(new LocalApic.WriteIcr(DeliveryMode.FIXED, Shorthand.NONE,
            layout.apicId(migrateTo), Vectors.RESCHEDULE));
      }
    }
    queued = null;
    current = null;
    if (taskTimer >= 0) {
      hw.cancel(taskTimer);
      taskTimer = -1;
    }
    deferred.clear();
    tick.clear();
    idle = true;
    hw.apic(new LocalApic.StopTimer());
    if (boot.mode().legacy()) {
      legacy.disarm(this);
    }
    hw.apic(new LocalApic.SetEnabled(false));
    hw.setInterruptsEnabled(false);
    hw.send(layout.hotplug(), config.timings().mmio(), new CpuHotplug.Dead(index));
    hw.halt();
  }

  /** Interrupts off and syscore_suspend() on the CPU that runs the sleep; then it sleeps. */
  private void syscoreSuspend() {
    hw.setInterruptsEnabled(false);
    tick.clear();
    hw.apic(new LocalApic.StopTimer());
    if (boot.mode() == NmiWatchdogMode.LOCAL_APIC) {
      // 2.6 lapic_nmi_suspend(): the sysdev stops the local-APIC NMI watchdog.
      legacy.disarm(this);
    }
    hw.halt();
  }

  /** syscore_resume(): timekeeping_resume() touches the soft-lockup watchdog; irqs back on. */
  private void syscoreResume() {
    watchdog.soft().touch();
    legacy.soft().touch(jiffies());
    if (watchdog.soft().active()) {
      tick.startBeforeTick(HrtimerFn.WATCHDOG, hw.now() + params.samplePeriodNs());
    }
    tick.startTick();
    if (boot.mode() == NmiWatchdogMode.LOCAL_APIC) {
      armLegacyWatchdog();
    }
    hw.setInterruptsEnabled(true);
    if (current == null) {
      enterIdle();
    }
  }

  // ---- all-CPU backtrace (lib/nmi_backtrace.c) ------------------------------------------------

  @Override
  public void triggerBacktrace(boolean excludeSelf, NmiBacktrace.Then then, long job) {
    if (!backtrace.trigger(this, excludeSelf, then, job)) {
      afterBacktrace(new NmiBacktrace.Finished(then, job, false, false));
    }
  }

  @Override
  public boolean nmiCpuBacktrace() {
    return backtrace.nmiCpuBacktrace(this);
  }

  /** The asking CPU's request is over: whoever asked goes on. */
  private void afterBacktrace(NmiBacktrace.Finished f) {
    if (f.waited()) {
      // The wait loop touched the soft-lockup watchdog every millisecond.
      watchdog.soft().touch();
    }
    switch (f.then()) {
      case HARD_LOCKUP -> watchdog.afterHardReport(this);
      case SOFT_LOCKUP -> watchdog.afterSoftReport(this);
      case SYSRQ -> Sysrq.done(this, f.job());
      case SPIN_LOCKUP -> { }
      default -> throw new IllegalStateException("unknown backtrace caller " + f.then());
    }
    if (f.held() && !panics.inProgress()) {
      hw.endHandler();
    }
  }

  // ---- panic ----------------------------------------------------------------------------------

  @Override
  public void panic(String message, List<String> frames) {
    panics.panic(message, frames);
  }

  @Override
  public void panicInTask(String message, List<String> dump) {
    panics.panicInTask(message, dump);
  }

  /** The 2.6 soft-lockup check the tick runs (softlockup_tick). */
  void tickLegacySoftlockup() {
    if (boot.mode().legacy()) {
      legacy.softlockupTick(this);
    }
  }

  /** The CPU is online (set_cpu_online). */
  void markOnline() {
    online = true;
  }

  /** The 2.6 NMI watchdog's per-CPU half. */
  LegacyWatchdogCpu legacy() {
    return legacy;
  }

  /** Whether this CPU has stopped for good (panic_smp_self_stop, stop_this_cpu). */
  boolean isStopped() {
    return stopped;
  }

  /** The CPU stops for good: offline, it runs no more kernel code. */
  void markStopped() {
    stopped = true;
    online = false;
  }

  // ---- printk ---------------------------------------------------------------------------------

  void klogWrite(List<LogLine> lines) {
    if (!lines.isEmpty()) {
      hw.send(layout.klog(), config.timings().mmio(),
          new io.smpsim.kernel.printk.Klog.Write(lines));
    }
  }
}

package io.smpsim.kernel.cpu;

import io.smpsim.hw.cpu.Cpu;
import io.smpsim.hw.cpu.CpuContext;
import io.smpsim.hw.cpu.CpuKernel;
import io.smpsim.hw.cpu.NmiSource;
import io.smpsim.kernel.hotplug.ApWakeup;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.backtrace.NmiBacktrace;
import io.smpsim.kernel.core.BacktraceCaller;
import io.smpsim.kernel.core.ContextSwitchHook;
import io.smpsim.kernel.core.CpuMailHandler;
import io.smpsim.kernel.core.CpuOnlineHook;
import io.smpsim.kernel.core.HrtimerFn;
import io.smpsim.kernel.core.IrqStats;
import io.smpsim.kernel.core.Kernel;
import io.smpsim.kernel.core.KernelCpu;
import io.smpsim.kernel.core.KernelTables;
import io.smpsim.kernel.core.VectorHandler;
import io.smpsim.kernel.core.PerCpu;
import io.smpsim.kernel.nmi.CpuNmi;
import io.smpsim.kernel.printk.DumpStack;
import io.smpsim.kernel.printk.Klog;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.kernel.printk.Printk;
import io.smpsim.kernel.task.CpuTask;
import io.smpsim.kernel.watchdog.CpuWatchdog;
import io.smpsim.kernel.watchdog.LegacyWatchdogCpu;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.kernel.sysctl.WatchdogBoot;
import io.smpsim.kernel.sysctl.WatchdogParams;
import io.smpsim.kernel.watchdog.Watchdogs;
import io.smpsim.sim.SimMessage;
import java.util.BitSet;
import java.util.List;

/**
 * The Linux kernel's code on one CPU, installed on the hardware CPU as its {@link CpuKernel}:
 * the entry points (interrupt vectors, NMIs, kernel mail), the context stack they run in, and
 * the per-CPU variables of every subsystem. The pieces the kernel keeps apart are apart here:
 * {@link BootCpu} and {@link SmpBoot} (smpboot), {@link TickSched} (the tick and hrtimers),
 * {@link CpuSched} (idle and tasks), {@link PlayDead} (hotplug and system sleep on this CPU),
 * {@link CpuPanic} (oops and panic), {@link IrqEntry} (interrupt vectors and NMI entry),
 * {@link ApicSetup} (start_secondary and the local APIC). Kernel mail goes to the handler its class registered
 * ({@link io.smpsim.kernel.core.Registry#cpuMail}); mail nobody registered is a bug and throws.
 * To its subsystems it is the {@link KernelCpu} they act through.
 */
public final class LinuxCpu implements CpuKernel, KernelCpu {

  private final MachineConfig config;
  private final MachineLayout layout;
  private final int index;
  /** The kernel build: its mail handlers and per-CPU variables. */
  private final Kernel kernel;
  /** The subsystems' per-CPU variables, in registration order. */
  private final Object[] perCpu;
  /** The tick and the hrtimers, NO_HZ idle included. */
  private final TickSched tick = new TickSched(this);
  private final IrqStats irqs = new IrqStats();
  /** Idle and busy time for /proc/stat. */
  final CpuTime cpuTime = new CpuTime();
  /** The interrupt entropy pool (drivers/char/random.c). */
  final FastPool fastPool = new FastPool();
  /** What only the boot CPU does, from power-on to init. */
  private final BootCpu bootCpu = new BootCpu(this);
  /** The idle loop and the tasks smpsim injects. */
  final CpuSched sched = new CpuSched(this);
  /** rq->nr_running as the machine's load average last heard it. */
  private int reportedRunning;
  /** CPU hotplug and system sleep on this CPU. */
  final PlayDead playDead = new PlayDead(this);
  /** Interrupt and NMI entry. */
  private final IrqEntry irqEntry = new IrqEntry(this);
  /** start_secondary() and the local APIC's set-up. */
  private final ApicSetup apicSetup = new ApicSetup(this);
  private boolean online;

  /** This CPU's part in oopses and panics. */
  final CpuPanic panics = new CpuPanic(this);
  private boolean stopped;

  private transient CpuContext hw;

  public LinuxCpu(MachineConfig config, MachineLayout layout, int index, Kernel kernel) {
    this.config = config;
    this.layout = layout;
    this.index = index;
    this.kernel = kernel;
    this.perCpu = kernel.tables().newPerCpu(config);
  }

  public IrqStats irqStats() {
    return irqs;
  }

  @Override
  public boolean online() {
    return online;
  }

  public boolean tickStopped() {
    return tick.stopped();
  }

  public CpuWatchdog watchdog() {
    return Watchdogs.of(this).modern();
  }

  public CpuNmi nmi() {
    return CpuNmi.of(this);
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
  @SuppressWarnings("unchecked")
  public <T> T get(PerCpu<T> key) {
    return (T) perCpu[kernel.tables().perCpuIndex(key)];
  }

  /** The command line's watchdog settings. */
  WatchdogBoot boot() {
    return Watchdogs.of(this).boot();
  }

  /** The watchdog knobs as last published. */
  WatchdogParams params() {
    return Watchdogs.of(this).params();
  }

  @Override
  public int taint() {
    return params().taint();
  }

  @Override
  public IrqStats irqs() {
    return irqs;
  }

  @Override
  public CpuTask task(int pid) {
    return sched.task(pid);
  }

  @Override
  public void removeTask(int pid) {
    sched.remove(pid);
  }

  @Override
  public void setAllowed(int pid, BitSet allowed) {
    sched.setAllowed(pid, allowed);
  }

  @Override
  public CpuTask current() {
    return sched.current();
  }

  @Override
  public int nrRunning() {
    return sched.nrRunning();
  }

  @Override
  public boolean idle() {
    return sched.idle();
  }

  @Override
  public boolean irqsOn() {
    return current() == null || !current().irqsOff();
  }

  @Override
  public DumpStack.Where where() {
    return new DumpStack.Where(index, current(), irqsOn(), taint(), config.kernel());
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

  /**
   * The runqueue's length may have changed: the machine's load average hears of each change
   * (its windows count every CPU's runnable tasks, kernel/sched/loadavg.c).
   */
  void nrRunningChanged() {
    int n = sched.nrRunning();
    if (n != reportedRunning) {
      toSysctl(new Sysctl.NrRunning(index, n - reportedRunning));
      reportedRunning = n;
    }
  }

  @Override
  public void toSysctl(SimMessage msg) {
    hw.send(layout.sysctl(), config.timings().mmio(), msg);
  }

  @Override
  public void touchNmiWatchdog() {
    Watchdogs w = Watchdogs.of(this);
    w.modern().touch();
    w.legacy().nmi().touch();
    w.legacy().soft().touch(jiffies());
  }

  // ---- boot -----------------------------------------------------------------------------------

  @Override
  public void onPowerOn(CpuContext cpu, boolean bootCpu) {
    hw = cpu;
    playDead.poweredOn();
    if (bootCpu) {
      this.bootCpu.start();
    } else if (ApWakeup.answersInTime(config)) {
      cpu.later(config.apStartupNs(), new CpuMessages.ApStarted());
    }
  }

  /** start_secondary(): the AP is up. */
  void apStarted() {
    apicSetup.apStarted();
  }

  /** The 2.6 NMI watchdog's per-CPU set-up (setup_apic_nmi_watchdog, start_secondary). */
  void armLegacyWatchdog() {
    Watchdogs.of(this).armLegacy(this);
  }

  /** Local APIC set-up (setup_local_APIC, setup_APIC_timer): LVTs, then the tick. */
  void setupLocalApic() {
    apicSetup.setupLocalApic();
  }

  /** What only the boot CPU does. */
  BootCpu bootCpu() {
    return bootCpu;
  }

  /** The tick and the hrtimers. */
  TickSched tick() {
    return tick;
  }

  /** The idle loop (also used by boot code). */
  void enterIdle() {
    sched.enterIdle();
  }

  /** The current task is done (it finished, got its lock, or was killed by the die path). */
  void finishTask(boolean killed) {
    sched.finishTask(killed);
  }

  /**
   * Whether the scheduler could run kernel work here now: nothing pins the CPU (no task, or a
   * user-space one, which any kernel thread preempts).
   */
  boolean canSchedule() {
    return (sched.current() == null || sched.current().kind().userMode())
        && !panics.inProgress();
  }

  @Override
  public void dieNmi(List<String> lines, boolean panic) {
    panics.dieNmi(lines, panic);
  }

  // ---- interrupts, NMIs, messages -------------------------------------------------------------

  @Override
  public void onInterrupt(CpuContext cpu, int vector) {
    if (enter(cpu)) {
      irqEntry.interrupt(vector);
      leave();
    }
  }

  @Override
  public void onNmi(CpuContext cpu, NmiSource source) {
    if (enter(cpu)) {
      irqEntry.nmi(source);
      leave();
    }
  }

  /**
   * Entry from the hardware: a CPU stopped by a panic or in play_dead (offline) takes no
   * interrupt and no NMI; a live one first brings its tick up to now.
   */
  private boolean enter(CpuContext cpu) {
    hw = cpu;
    if (stopped || playDead.dead()) {
      return false;
    }
    tick.catchUp();
    return true;
  }

  /** Exit to the hardware: the next tick is programmed again, unless the handler stopped us. */
  private void leave() {
    if (!stopped) {
      tick.refresh();
    }
  }

  @Override
  public void onMessage(CpuContext cpu, int src, SimMessage msg) {
    hw = cpu;
    if (stopped) {
      // Stopped by a panic with interrupts off: it takes no tick any more.
      handleMessage(msg);
      return;
    }
    tick.catchUp();
    handleMessage(msg);
    leave();
  }

  private void handleMessage(SimMessage msg) {
    KernelTables.Mail m = kernel.tables().cpuMail(msg.getClass());
    if (m == null) {
      // Mail no handler claims is a sender's bug: dropping it would hide the bug as a hang.
      throw new IllegalArgumentException("CPU " + index + " does not understand " + msg);
    }
    if (!m.evenStopped() && (stopped || irqEntry.wedged())) {
      return;
    }
    if (m.whenSchedulable() && !canSchedule()) {
      sched.defer(msg);
      return;
    }
    dispatch(m.handler(), msg);
  }

  /** The handler a subsystem registered for device vector {@code vector}, or null. */
  VectorHandler deviceVector(int vector) {
    return kernel.tables().vector(vector);
  }

  /** Work that waited for the CPU to schedule runs now. */
  void runDeferred(SimMessage msg) {
    dispatch(kernel.tables().cpuMail(msg.getClass()).handler(), msg);
  }

  @SuppressWarnings("unchecked")
  private void dispatch(CpuMailHandler<?> handler, SimMessage msg) {
    ((CpuMailHandler<SimMessage>) handler).handle(this, msg);
  }

  // ---- all-CPU backtrace (lib/nmi_backtrace.c) ------------------------------------------------

  @Override
  public void triggerBacktrace(boolean excludeSelf, BacktraceCaller then, long job) {
    if (!NmiBacktrace.of(this).trigger(this, excludeSelf, then, job)) {
      backtraceFinished(then, job, false, false);
    }
  }

  /** __schedule(): the subsystems' context-switch hooks (rcu_note_context_switch). */
  void contextSwitch(CpuTask prev, CpuTask next) {
    for (ContextSwitchHook h : kernel.tables().contextSwitchHooks()) {
      h.switched(this, prev, next);
    }
  }

  @Override
  public boolean nmiCpuBacktrace() {
    return NmiBacktrace.of(this).nmiCpuBacktrace(this);
  }

  @Override
  public void backtraceFinished(BacktraceCaller then, long job, boolean held, boolean waited) {
    if (waited) {
      // The wait loop touched the soft-lockup watchdog every millisecond.
      Watchdogs.of(this).modern().soft().touch();
    }
    then.backtraceDone(this, job);
    if (held && !panics.inProgress()) {
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
    if (boot().mode().legacy()) {
      legacy().softlockupTick(this);
    }
  }

  /** The CPU is online (set_cpu_online). */
  void markOnline() {
    online = true;
    // The boot CPU has run the kernel since power-on; an AP from start_secondary().
    cpuTime.online(hw().isBootCpu() && !cpuTime.everOnline() ? 0 : hw().now());
    // mcheck_cpu_init() -> __mcheck_cpu_init_generic() polls the banks once on every CPU
    // that comes up (arch/x86/kernel/cpu/mce/core.c machine_check_poll: mce_poll_count).
    irqs.mcp++;
    onlineHooks(true);
  }

  private void onlineHooks(boolean up) {
    for (CpuOnlineHook h : kernel.tables().cpuOnlineHooks()) {
      h.changed(this, up);
    }
  }

  /** The CPU is offline (take_cpu_down). */
  void markOffline() {
    online = false;
    cpuTime.offline(hw().now(), irqs);
    onlineHooks(false);
  }

  @Override
  public void accountSystemTime(long ns) {
    cpuTime.charge(ns, hw().now(), irqs);
  }

  /** This CPU's counters as /proc reads them, its time accounted up to now. */
  IrqStats irqSnapshot() {
    cpuTime.flush(hw().now(), irqs);
    irqs.nrRunning = online ? sched.nrRunning() : 0;
    return irqs.copy();
  }

  /** The 2.6 NMI watchdog's per-CPU half. */
  LegacyWatchdogCpu legacy() {
    return Watchdogs.of(this).legacy();
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
      hw.send(layout.klog(), config.timings().mmio(), new Klog.Write(lines));
    }
  }
}

package io.smpsim.kernel.power;

import io.smpsim.hw.cpu.Cpu;
import io.smpsim.kernel.JobAsker;
import io.smpsim.kernel.KernelVersion;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.kernel.core.Errno;
import io.smpsim.kernel.core.Kernel;
import io.smpsim.kernel.core.KernelTables;
import io.smpsim.kernel.core.PmPhase;
import io.smpsim.kernel.hotplug.CpuHotplug;
import io.smpsim.kernel.printk.LogLevel;
import io.smpsim.kernel.printk.Printk;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.sim.Address;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;
import java.util.List;

/**
 * What a suspend (kernel/power/suspend.c) and a hibernation (kernel/power/hibernate.c) share:
 * the system_transition_mutex's holder (the writer whose shell job waits for the transition),
 * the steps as events the PM core schedules to itself, the subsystems' sleep callbacks in
 * registration order and in reverse, the freezer (kernel/power/process.c) with its lines,
 * thaw_processes(), and the answer to the writer.
 */
final class PmTransition {

  static final long MS = 1_000_000L;
  static final long S = 1_000_000_000L;

  private final MachineConfig config;
  private final MachineLayout layout;
  /** The kernel build: its system-sleep callbacks. */
  private final Kernel kernel;
  private final PowerAttrs attrs;

  /** The transition in progress: its writer's job, or -1. */
  long job = -1;
  int writerPid;
  boolean hibernating;
  boolean asleep;
  /** The devices are suspended: their resume callbacks are due, the RTC alarm is a wake-up. */
  boolean devicesSuspended;
  /** The platform was prepared (acpi_pm_prepare()): its finish prints the wake-up line. */
  boolean platformPrepared;
  /** An {@code inject wakeup} came before the sleep: it ends the sleep once entered. */
  boolean heldWakeup;
  /** The errno the transition ends with, or null. */
  Errno error;
  /** The boot CPU, as the hotplug controller names it when the others are down. */
  int primary;

  private transient EntityContext ctx;

  PmTransition(MachineConfig config, MachineLayout layout, Kernel kernel, PowerAttrs attrs) {
    this.config = config;
    this.layout = layout;
    this.kernel = kernel;
    this.attrs = attrs;
  }

  /** The PM core's context for the event being handled. */
  void enter(EntityContext c) {
    this.ctx = c;
  }

  EntityContext ctx() {
    return ctx;
  }

  MachineConfig config() {
    return config;
  }

  MachineLayout layout() {
    return layout;
  }

  /** Whether a transition holds system_transition_mutex. */
  boolean busy() {
    return job >= 0;
  }

  /** A transition starts for shell job {@code writerJob} of task {@code pid}. */
  void begin(long writerJob, int pid, boolean hibernation) {
    heldWakeup = false;
    job = writerJob;
    writerPid = pid;
    asleep = false;
    devicesSuspended = false;
    platformPrepared = false;
    error = null;
    hibernating = hibernation;
  }

  /** The transition ends: its writer gets the errno it ended with. */
  void finish() {
    long done = job;
    job = -1;
    reply(done, new Sysctl.Answer("", error));
  }

  /** Where the hotplug controller answers a freeze or thaw. */
  Address<CpuHotplug.FreezeAsker> self() {
    return Address.of(ctx.self());
  }

  /** Ask the hotplug controller to take the non-boot CPUs down for the sleep. */
  void freezeCpus() {
    ctx.send(layout.hotplug(), config.timings().mmio(), new CpuHotplug.Freeze(self()));
  }

  /** Ask the hotplug controller to bring the non-boot CPUs back. */
  void thawCpus() {
    ctx.send(layout.hotplug(), config.timings().mmio(), new CpuHotplug.Thaw(self()));
  }

  /** Run {@code mail} (syscore suspend or resume) on the boot CPU. */
  void onPrimary(SimMessage mail) {
    ctx.send(layout.cpu(primary), config.timings().ipi(), new Cpu.KernelMail(mail));
  }

  /** The subsystems' callbacks of {@code phase}, in registration order. */
  void suspendCallbacks(PmPhase phase) {
    for (KernelTables.PmCallback c : kernel.tables().pmCallbacks(phase)) {
      if (c.suspend() != null) {
        ctx.send(layout.address(c.to()), config.timings().mmio(), c.suspend());
      }
    }
  }

  /** The subsystems' callbacks of {@code phase}, in the reverse order. */
  void resumeCallbacks(PmPhase phase) {
    List<KernelTables.PmCallback> cs = kernel.tables().pmCallbacks(phase);
    for (int i = cs.size() - 1; i >= 0; i--) {
      if (cs.get(i).resume() != null) {
        ctx.send(layout.address(cs.get(i).to()), config.timings().mmio(), cs.get(i).resume());
      }
    }
  }

  /**
   * Whether this kernel prints the freezer in one line per freeze, continued with pr_cont()
   * ("Freezing user space processes ... (elapsed 0.001 seconds) done."), as upstream up to 6.2;
   * "PM: sleep: Avoid using pr_cont() in the tasks freezing code" split it into a start and a
   * "completed" line, and the 6.1 stable build a 6.1 machine boots (Debian's 6.1.192) has that
   * change: it prints the split form, as a real one does entering S3. 2.6 machines keep the
   * split form (smpsim does not model 2.6's freezer lines).
   */
  private boolean freezerPrCont() {
    KernelVersion k = config.kernel();
    return k.major() == 6 && k.minor() < 3 && !k.debianBuild();
  }

  /** freeze_processes() starts (kernel/power/process.c); it takes 1 ms. */
  void freezeUserSpaceStarts() {
    // pm_wakeup_clear(0): a hard wake-up from before does not abort this transition.
    attrs.events().clearAbort();
    printk(freezerPrCont()
        ? "Freezing user space processes ... (elapsed 0.001 seconds) done."
        : "Freezing user space processes");
  }

  /** freeze_processes() is done; freeze_kernel_threads() starts and takes 1 ms. */
  void userSpaceFrozen() {
    suspendCallbacks(PmPhase.TASKS);
    if (!freezerPrCont()) {
      printk("Freezing user space processes completed (elapsed 0.001 seconds)");
    }
    printk("OOM killer disabled.");
  }

  void freezeKernelThreadsStarts() {
    printk(freezerPrCont()
        ? "Freezing remaining freezable tasks ... (elapsed 0.001 seconds) done."
        : "Freezing remaining freezable tasks");
  }

  void kernelThreadsFrozen() {
    if (!freezerPrCont()) {
      printk("Freezing remaining freezable tasks completed (elapsed 0.001 seconds)");
    }
  }

  /** thaw_processes(). */
  void thaw() {
    printk("OOM killer enabled.", "Restarting tasks ... done.");
    resumeCallbacks(PmPhase.TASKS);
  }

  /** The transition's next step, {@code ns} from now. */
  void later(long ns, int step) {
    ctx.schedule(ns, new SuspendResume.Step(step));
  }

  void printk(String... lines) {
    ctx.send(layout.klog(), config.timings().mmio(),
        Printk.block(ctx.now(), LogLevel.INFO, List.of(lines)));
  }

  /** The simulated time, ns. */
  long now() {
    return ctx.now();
  }

  /** One line at {@code level} (a driver's dev_err(), say). */
  void printk(LogLevel level, String line) {
    ctx.send(layout.klog(), config.timings().mmio(),
        Printk.block(ctx.now(), level, List.of(line)));
  }

  /** pm_pr_dbg(): printed (KERN_DEBUG) only with pm_debug_messages on. */
  void pmDebug(String line) {
    if (attrs.pmDebug()) {
      prDebug(List.of(line));
    }
  }

  /**
   * pr_debug() lines of kernel/power, which CONFIG_PM_DEBUG builds with -DDEBUG: always in the
   * log, at KERN_DEBUG (below the console's level).
   */
  void prDebug(List<String> lines) {
    ctx.send(layout.klog(), config.timings().mmio(),
        Printk.block(ctx.now(), LogLevel.DEBUG, lines));
  }

  /** Answer shell job {@code j}. */
  void reply(long j, SimMessage body) {
    ctx.send(layout.shell(), config.timings().mmio(), new JobAsker.Answer(j, body));
  }
}
